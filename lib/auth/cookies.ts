/**
 * The session cookie's name and attributes, decided once from the configured public URL (never
 * from request headers a client can write). Over https it is `__Host-pb_session; Secure; Path=/`:
 * browsers then refuse it from plain http and from any subdomain, and keep it to this host.
 */
export type CookiePolicy = { name: string; secure: boolean };

export const BASE_COOKIE_NAME = 'pb_session';

export function cookiePolicy(publicUrl: string): CookiePolicy {
  const secure = new URL(publicUrl).protocol === 'https:';
  return { name: secure ? `__Host-${BASE_COOKIE_NAME}` : BASE_COOKIE_NAME, secure };
}

export function setSessionCookie(policy: CookiePolicy, token: string, maxAgeS: number): string {
  return `${policy.name}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}${policy.secure ? '; Secure' : ''}`;
}

export function clearSessionCookie(policy: CookiePolicy): string {
  return setSessionCookie(policy, '', 0);
}

/** The value of cookie `name` in a Cookie header. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
