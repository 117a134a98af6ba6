import { route } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { oidcStart } from '@/lib/api/oidc-endpoints';
import { getRuntime } from '@/lib/runtime/runtime';
import { safeNext } from '@/lib/ui/navigation';

export const dynamic = 'force-dynamic';

/** Single sign-on: off to the provider, remembering (signed, in a cookie) where to come back to. */
export const GET = route('oidc-start', async (req, ctx) => oidcStart(req, ctx, (await getRuntime()).oidc, safeNext(new URL(req.url).searchParams.get('next'))));

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('oidc-start', '/api/auth/oidc/start');
