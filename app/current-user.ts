import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { SESSION_COOKIE, verifySession } from '@/lib/auth/session';
import type { User } from '@/lib/auth/users';
import { loginHref } from '@/lib/ui/navigation';

/** The signed-in user from the session cookie, or null when there is none or it no longer verifies. */
export async function currentUser(): Promise<User | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return verifySession(token).catch(() => null);
}

/** For pages: the user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requirePageUser(returnTo: string): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(loginHref(returnTo));
  return user;
}
