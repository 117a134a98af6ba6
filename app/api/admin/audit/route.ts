import { auditPage } from '@/lib/api/admin';
import { route, json, parseQuery, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { AuditQuerySchema } from '@/lib/contract/admin';
import { requireAdmin } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** The tenant's audit log (sign-ins and admin changes), newest first, a page at a time. */
export const GET = route('admin-audit', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  return json(await auditPage(rt.store, signedIn(admin, ctx).tenant, parseQuery(req, AuditQuerySchema)));
});

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('admin-audit', '/api/admin/audit');
