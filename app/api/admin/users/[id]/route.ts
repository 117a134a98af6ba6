import { changeRole, removeMember } from '@/lib/api/admin';
import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { RoleRequestSchema } from '@/lib/contract/admin';
import { AppError } from '@/lib/errors/app-error';
import { requireAdmin } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** The user id of the path; anything else names no user. */
function userId(req: Request): number {
  const raw = new URL(req.url).pathname.split('/').pop() ?? '';
  if (!/^[1-9]\d{0,14}$/.test(raw)) throw new AppError('not_found', 'There is no such user in this tenant.', 'id');
  return Number(raw);
}

/** Changes a member's role (admins only; the last admin stays admin). */
export const PATCH = route('admin-user', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  const id = userId(req);
  const { role } = await parseBody(req, RoleRequestSchema);
  return json(await changeRole(rt.store, signedIn(admin, ctx), id, role));
});

/** Removes a member from the tenant and refuses their sessions in it at once. */
export const DELETE = route('admin-user', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  return json(await removeMember(rt.store, signedIn(admin, ctx), userId(req), (ended) => rt.auth.revokeEnded(ended)));
});

export const { GET, HEAD, POST, PUT, OPTIONS } = undeclared('admin-user', '/api/admin/users/{id}');
