import 'server-only';
import type { User } from '@/lib/auth/users';
import { getRuntime } from './runtime';

/** For route handlers: the signed-in user of a request (verified, not revoked), or 401. */
export async function requireUser(req: Request): Promise<User> {
  return (await getRuntime()).auth.requireUser(req);
}
