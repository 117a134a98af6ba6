import { exportFile } from '@/lib/api/export';
import { route, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { ExportRequestSchema } from '@/lib/contract/export';
import { getRuntime } from '@/lib/runtime/runtime';
import { requirePrincipal } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** POST /api/export — a panel as XLSX or PNG, the dashboard as PDF, as the requester sees them. */
export const POST = route('export', async (req, ctx) => {
  const principal = signedIn(await requirePrincipal(req), ctx);
  const body = await parseBody(req, ExportRequestSchema);
  ctx.note({ dashboard: body.dashboard, format: body.format });
  return exportFile(await getRuntime(), principal, body, req.signal);
});

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = undeclared('export', '/api/export');
