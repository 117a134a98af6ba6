import 'server-only';
import { SignJWT, decodeJwt, jwtVerify } from 'jose';
import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { FilterSchema, LIMITS } from '@/lib/view/schema';
import type { EmbedPrincipal } from './embed-token';
import { keyByKid, type KeyRing } from './keys';
import type { Principal } from './principal';

/**
 * The credential of a server-side render (PDF and PNG exports, later scheduled reports). The
 * headless browser must see exactly what the requesting viewer sees and nothing more, so it gets
 * neither the viewer's session cookie (which would let the page do anything the user can, for the
 * session's 8 hours) nor an embed token (tenants that do not embed have no embed secret). Instead
 * the server mints, per render, a token signed with its own session keys and bound to one tenant,
 * one dashboard and the viewer's locked filters, read-only, that expires within a minute. The
 * renderer adds it as `Authorization: Bearer` to the page's requests to our own origin only
 * (lib/render/renderer.ts), so it never enters the page's scripts, URL or history.
 */
export const RENDER_AUDIENCE = 'pulseboard-render';
export const RENDER_TOKEN_TTL_S = 60;
const ISSUER = 'pulseboard';

const ClaimsSchema = z.object({
  tenant: z.string().min(1).max(64),
  sub: z.string().min(1).max(256),
  dashboard: z.string().min(1).max(64),
  filters: z.array(FilterSchema).max(LIMITS.filters),
  exp: z.number(),
});

/** Who asked for the render: the viewer's tenant and locked filters; the subject names them in the log. */
export type RenderGrant = { tenant: string; subject: string; dashboard: string; locked: Principal['locked'] };

export async function signRenderToken(keys: KeyRing, grant: RenderGrant, nowMs = Date.now()): Promise<string> {
  return new SignJWT({ tenant: grant.tenant, dashboard: grant.dashboard, filters: grant.locked })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keys.current.kid })
    .setSubject(grant.subject)
    .setIssuer(ISSUER)
    .setAudience(RENDER_AUDIENCE)
    .setIssuedAt(Math.floor(nowMs / 1000))
    .setExpirationTime(Math.floor(nowMs / 1000) + RENDER_TOKEN_TTL_S)
    .sign(keys.current.key);
}

/** Whether a bearer token claims to be a render token (its signature is checked by verifyRenderToken). */
export function isRenderToken(token: string): boolean {
  try {
    const { aud } = decodeJwt(token);
    return aud === RENDER_AUDIENCE || (Array.isArray(aud) && aud.includes(RENDER_AUDIENCE));
  } catch {
    return false;
  }
}

/** A render token's principal: like an embed token's, read-only, its one dashboard, its filters always applied. */
export async function verifyRenderToken(keys: KeyRing, token: string, nowMs = Date.now()): Promise<EmbedPrincipal> {
  try {
    const { payload } = await jwtVerify(token, keyByKid(keys), { algorithms: ['HS256'], issuer: ISSUER, audience: RENDER_AUDIENCE, currentDate: new Date(nowMs), requiredClaims: ['exp', 'sub'] });
    const claims = ClaimsSchema.parse(payload);
    if (claims.exp * 1000 - nowMs > (RENDER_TOKEN_TTL_S + 5) * 1000) throw new Error('lives too long');
    return { tenant: claims.tenant, subject: claims.sub, dashboards: new Set([claims.dashboard]), locked: claims.filters, expiresAt: claims.exp * 1000 };
  } catch {
    throw new AppError('unauthenticated', 'The render token is not valid or has expired.');
  }
}
