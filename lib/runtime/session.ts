import 'server-only';
import type { Principal } from '@/lib/auth/principal';
import { assertAdmin } from '@/lib/api/admin';
import type { User } from '@/lib/auth/users';
import { getRuntime, type Runtime } from './runtime';

/** For route handlers that change tenant state: the signed-in user (verified, not revoked), or 401; an embed token is 403. */
export async function requireUser(req: Request): Promise<User> {
  return (await getRuntime()).auth.requireUser(req);
}

/** For reading routes: the embed token of `Authorization: Bearer`, else the signed-in user; 401 without either. */
export async function requirePrincipal(req: Request): Promise<Principal> {
  return (await getRuntime()).auth.principal({ authorization: req.headers.get('authorization'), cookie: req.headers.get('cookie') });
}

/** For admin route handlers: the signed-in admin of the session's tenant (401, else 403) and the runtime. */
export async function requireAdmin(req: Request): Promise<{ admin: User; rt: Runtime }> {
  const rt = await getRuntime();
  const admin = await rt.auth.requireUser(req);
  await assertAdmin(rt.store, admin);
  return { admin, rt };
}
