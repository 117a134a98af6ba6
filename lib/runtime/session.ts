import 'server-only';
import type { Principal } from '@/lib/auth/principal';
import type { User } from '@/lib/auth/users';
import { getRuntime } from './runtime';

/** For route handlers that change tenant state: the signed-in user (verified, not revoked), or 401; an embed token is 403. */
export async function requireUser(req: Request): Promise<User> {
  return (await getRuntime()).auth.requireUser(req);
}

/** For reading routes: the embed token of `Authorization: Bearer`, else the signed-in user; 401 without either. */
export async function requirePrincipal(req: Request): Promise<Principal> {
  return (await getRuntime()).auth.principal({ authorization: req.headers.get('authorization'), cookie: req.headers.get('cookie') });
}
