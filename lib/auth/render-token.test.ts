import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { keyRing } from './keys';
import { RENDER_AUDIENCE, isRenderToken, signRenderToken, verifyRenderToken } from './render-token';
import { SessionTokens } from './session';

const keys = keyRing({ secret: 'render-secret-'.padEnd(40, 'x'), previous: undefined });
const grant = { tenant: 'acme', subject: 'demo@acme.test', dashboard: 'api-traffic', locked: [{ dim: 'region', op: 'in' as const, values: ['eu-west'] }] };
const refused = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(isAppError(err) && err.code).toBe('unauthenticated');
};

describe('render tokens', () => {
  it('carry the tenant, the one dashboard and the locked filters, and expire within a minute', async () => {
    const now = Date.parse('2026-12-04T06:00:00Z');
    const token = await signRenderToken(keys, grant, now);
    expect(isRenderToken(token)).toBe(true);
    const p = await verifyRenderToken(keys, token, now + 1_000);
    expect(p).toMatchObject({ tenant: 'acme', subject: 'demo@acme.test', locked: grant.locked, expiresAt: now + 60_000 });
    expect([...p.dashboards]).toEqual(['api-traffic']);
    await refused(verifyRenderToken(keys, token, now + 61_000));
  });

  it('are refused when signed with another key, tampered with, or living longer than a minute', async () => {
    const now = Date.now();
    const other = keyRing({ secret: 'another-secret-'.padEnd(40, 'z'), previous: undefined });
    await refused(verifyRenderToken(keys, await signRenderToken(other, grant, now), now));
    const [h, , s] = (await signRenderToken(keys, grant, now)).split('.');
    const forged = Buffer.from(JSON.stringify({ tenant: 'globex', dashboard: 'api-traffic', filters: [], sub: 'x', aud: RENDER_AUDIENCE, iss: 'pulseboard', exp: now / 1000 + 30 })).toString('base64url');
    await refused(verifyRenderToken(keys, `${h}.${forged}.${s}`, now));
    const long = await new SignJWT({ tenant: 'acme', dashboard: 'api-traffic', filters: [] })
      .setProtectedHeader({ alg: 'HS256', kid: keys.current.kid })
      .setSubject('x').setIssuer('pulseboard').setAudience(RENDER_AUDIENCE)
      .setExpirationTime(Math.floor(now / 1000) + 3600)
      .sign(keys.current.key);
    await refused(verifyRenderToken(keys, long, now));
  });

  it('are told apart from embed tokens by their audience', async () => {
    const embed = await new SignJWT({ tenant: 'acme', dashboards: ['api-traffic'] }).setProtectedHeader({ alg: 'HS256' }).setAudience('pulseboard').setExpirationTime('5m').sign(keys.current.key);
    expect(isRenderToken(embed)).toBe(false);
    expect(isRenderToken('not a token')).toBe(false);
  });

  it('is never a session, though signed with the same keys: presented as the session cookie it is refused', async () => {
    const token = await signRenderToken(keys, { tenant: 'acme', subject: 'demo@acme.test', dashboard: 'cluster-overview', locked: [] });
    await expect(new SessionTokens(keys).verify(token)).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
