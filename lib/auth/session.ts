import 'server-only';
import { SignJWT, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { RoleSchema } from '@/lib/contract/schemas';
import { AppError } from '@/lib/errors/app-error';
import { keyByKid, type KeyRing } from './keys';
import type { User } from './users';

export const SESSION_TTL_S = 8 * 3600;
const ISSUER = 'pulseboard';

export type Session = { id: string; user: User; expiresAt: number };

/** The signed cookie value: HS256 with the current key, named by its id so a rotation keeps it valid. */
export async function signSessionToken(keys: KeyRing, session: Session): Promise<string> {
  return new SignJWT({ tenant: session.user.tenant, name: session.user.tenantName, role: session.user.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keys.current.kid })
    .setSubject(session.user.email)
    .setJti(session.id)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(session.expiresAt / 1000))
    .sign(keys.current.key);
}

const unauthenticated = () => new AppError('unauthenticated', 'Your session has expired or is invalid. Please sign in again.');

/**
 * Verifies session tokens. Only HS256 with a key of the ring, named by the token's `kid`, is
 * accepted: alg "none", other algorithms, unknown key ids and tampering all fail. Tokens already
 * verified are remembered until they expire: a dashboard sends the same cookie with every panel,
 * and checking its signature again each time would cost more than a cached answer.
 */
export class SessionTokens {
  private readonly verified = new LRUCache<string, Session>({ max: 10_000 });

  constructor(private readonly keys: KeyRing) {}

  async verify(token: string): Promise<Session> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAt) return known;
      throw unauthenticated();
    }
    try {
      const { payload } = await jwtVerify(token, keyByKid(this.keys), { algorithms: ['HS256'], issuer: ISSUER });
      const { sub, tenant, exp, jti } = payload;
      const role = RoleSchema.safeParse(payload.role);
      // A token for another audience (a render token is signed with the same keys) is never a session.
      if (payload.aud !== undefined) throw new Error('audience');
      if (typeof sub !== 'string' || typeof tenant !== 'string' || typeof exp !== 'number' || typeof jti !== 'string' || !role.success) throw new Error('claims');
      const session = { id: jti, user: { email: sub, tenant, tenantName: String(payload.name ?? tenant), role: role.data }, expiresAt: exp * 1000 };
      this.verified.set(token, session);
      return session;
    } catch {
      throw unauthenticated();
    }
  }
}
