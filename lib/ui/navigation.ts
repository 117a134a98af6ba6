/** Where to send people around sign-in, without ever redirecting them off this site. */

export function loginHref(next: string): string {
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/** A same-origin path from `?next=`, or "/" for anything else (absolute, protocol-relative, junk). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  try {
    const url = new URL(next, 'http://pulseboard.invalid');
    return url.origin === 'http://pulseboard.invalid' ? `${url.pathname}${url.search}` : '/';
  } catch {
    return '/';
  }
}
