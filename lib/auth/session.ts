import 'server-only';
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { AppError } from '@/lib/errors/app-error';
import type { User } from './users';

export const SESSION_COOKIE = 'pb_session';
export const SESSION_TTL_S = 8 * 3600;
const ISSUER = 'pulseboard';

const g = globalThis as { __pulseSecret?: Uint8Array };

/**
 * HS256 key. PULSE_SECRET must be set when several instances share sessions; without it
 * each process makes its own, so sessions simply end on restart.
 */
function secret(): Uint8Array {
  if (!g.__pulseSecret) {
    const configured = process.env.PULSE_SECRET;
    if (configured && configured.length < 32) throw new Error('PULSE_SECRET must be at least 32 characters');
    g.__pulseSecret = configured ? new TextEncoder().encode(configured) : randomBytes(32);
  }
  return g.__pulseSecret;
}

export async function signSession(user: User, ttlS = SESSION_TTL_S): Promise<string> {
  return new SignJWT({ tenant: user.tenant, name: user.tenantName })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.email)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlS}s`)
    .sign(secret());
}

/**
 * Tokens already verified, until they expire: a dashboard sends the same cookie with every
 * panel, and checking its signature again each time would cost more than a cached answer.
 */
const verified = new LRUCache<string, { user: User; expiresAt: number }>({ max: 10_000 });

/** Only HS256 with our key is accepted: alg "none", other algorithms and tampering all fail. */
export async function verifySession(token: string): Promise<User> {
  const known = verified.get(token);
  if (known && Date.now() < known.expiresAt) return known.user;
  try {
    const { payload } = await jwtVerify(token, secret(), { algorithms: ['HS256'], issuer: ISSUER });
    if (typeof payload.sub !== 'string' || typeof payload.tenant !== 'string' || typeof payload.exp !== 'number') throw new Error('claims');
    const user = { email: payload.sub, tenant: payload.tenant, tenantName: String(payload.name ?? payload.tenant) };
    verified.set(token, { user, expiresAt: payload.exp * 1000 });
    return user;
  } catch {
    throw new AppError('unauthenticated', 'Your session has expired or is invalid. Please sign in again.');
  }
}

function readCookie(header: string | null | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The tenant of a request comes from the verified session and from nowhere else. */
export async function requireUser(req: Request): Promise<User> {
  return userFromCookie(req.headers.get('cookie'));
}

export async function userFromCookie(cookieHeader: string | null | undefined): Promise<User> {
  const token = readCookie(cookieHeader, SESSION_COOKIE);
  if (!token) throw new AppError('unauthenticated', 'Please sign in.');
  return verifySession(token);
}

export function sessionCookie(token: string, req: Request): string {
  const secure = new URL(req.url).protocol === 'https:' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_S}${secure}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}
