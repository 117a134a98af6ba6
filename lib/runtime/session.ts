import 'server-only';
import { assertAdmin } from '@/lib/api/admin';
import type { User } from '@/lib/auth/users';
import { getRuntime, type Runtime } from './runtime';

/** For route handlers: the signed-in user of a request (verified, not revoked), or 401. */
export async function requireUser(req: Request): Promise<User> {
  return (await getRuntime()).auth.requireUser(req);
}

/** For admin route handlers: the signed-in admin of the session's tenant (401, else 403) and the runtime. */
export async function requireAdmin(req: Request): Promise<{ admin: User; rt: Runtime }> {
  const rt = await getRuntime();
  const admin = await rt.auth.requireUser(req);
  await assertAdmin(rt.store, admin);
  return { admin, rt };
}
