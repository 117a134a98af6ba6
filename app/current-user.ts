import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { User } from '@/lib/auth/users';
import { getRuntime } from '@/lib/runtime/runtime';
import { loginHref } from '@/lib/ui/navigation';

/** The signed-in user from the session cookie, or null when there is none, it no longer verifies or was revoked. */
export async function currentUser(): Promise<User | null> {
  // cookies() first: it marks the page dynamic, so a build never starts the runtime to prerender it.
  const jar = await cookies();
  const { auth } = await getRuntime();
  const cookie = jar.get(auth.cookie.name);
  if (!cookie) return null;
  return auth.userFromCookie(`${cookie.name}=${cookie.value}`).catch(() => null);
}

/** For pages: the user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requirePageUser(returnTo: string): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(loginHref(returnTo));
  return user;
}
