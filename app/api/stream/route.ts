import { route, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { serveStream } from '@/lib/api/stream';
import { getRuntime } from '@/lib/runtime/runtime';
import { requirePrincipal } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** GET /api/stream — a dashboard's answers to a view pushed as they change (Server-Sent Events). */
export const GET = route('stream', async (req, ctx) => serveStream(await getRuntime(), signedIn(await requirePrincipal(req), ctx), req, ctx));

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('stream', '/api/stream');
