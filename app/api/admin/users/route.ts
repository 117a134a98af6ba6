import { listUsers } from '@/lib/api/admin';
import { route, json, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { requireAdmin } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** The tenant's members and pending invitations (admins only). */
export const GET = route('admin-users', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  return json(await listUsers(rt.store, signedIn(admin, ctx).tenant));
});

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('admin-users', '/api/admin/users');
