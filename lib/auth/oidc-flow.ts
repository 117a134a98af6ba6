import 'server-only';
import { SignJWT, jwtVerify } from 'jose';
import type { CookiePolicy } from './cookies';
import { keyByKid, type KeyRing } from './keys';

/** What a sign-in at the provider must come back with, kept by the browser between start and callback. */
export type OidcFlow = { state: string; nonce: string; codeVerifier: string; next: string };

/** Long enough to type a password and approve a second factor at the provider. */
export const FLOW_TTL_S = 10 * 60;
const AUDIENCE = 'pulseboard:oidc-flow';

/** The flow cookie's name: `__Host-` and Secure over https, like the session cookie. */
export const flowCookieName = (policy: CookiePolicy) => (policy.secure ? '__Host-pb_oidc' : 'pb_oidc');

export function flowCookie(policy: CookiePolicy, token: string, maxAgeS = FLOW_TTL_S): string {
  // SameSite=Lax: the provider sends the browser back with a top-level GET, which carries it.
  return `${flowCookieName(policy)}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}${policy.secure ? '; Secure' : ''}`;
}

/**
 * The flow as a short-lived token signed with the session keys. Its own audience keeps it from
 * ever passing for a session token (and a session token for it). It holds the PKCE verifier: only
 * this browser, which started the sign-in, can complete it.
 */
export async function signFlow(keys: KeyRing, flow: OidcFlow): Promise<string> {
  return new SignJWT({ st: flow.state, n: flow.nonce, v: flow.codeVerifier, next: flow.next })
    .setProtectedHeader({ alg: 'HS256', kid: keys.current.kid })
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${FLOW_TTL_S}s`)
    .sign(keys.current.key);
}

/** The flow of a token this app signed in the last ten minutes, or null (missing, expired, tampered). */
export async function verifyFlow(keys: KeyRing, token: string | undefined): Promise<OidcFlow | null> {
  if (!token) return null;
  try {
    const { payload: p } = await jwtVerify(token, keyByKid(keys), { algorithms: ['HS256'], audience: AUDIENCE });
    if (typeof p.st !== 'string' || typeof p.n !== 'string' || typeof p.v !== 'string' || typeof p.next !== 'string') return null;
    return { state: p.st, nonce: p.n, codeVerifier: p.v, next: p.next };
  } catch {
    return null;
  }
}
