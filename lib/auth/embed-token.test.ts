import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type FetchImplementation, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { EmbedTokens, bearerToken, type EmbedSettings } from './embed-token';

const SECRET = 'acme-embedding-secret-'.padEnd(48, 'a');
const PREVIOUS = 'acme-previous-secret-'.padEnd(48, 'p');
const OTHER = 'someone-elses-secret-'.padEnd(48, 'o');
const JWKS_URL = 'https://vendor.example/.well-known/jwks.json';

const claims = (over: JWTPayload = {}): JWTPayload => ({
  tenant: 'acme',
  sub: 'customer-42',
  aud: 'pulseboard',
  dashboards: ['cluster-overview'],
  filters: [{ dim: 'cluster', op: 'in', values: ['acme-prod-eu'] }],
  exp: Math.floor(Date.now() / 1000) + 600,
  ...over,
});

function hs256(payload: JWTPayload, secret = SECRET): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

const rsa = await generateKeyPair('RS256');
const ec = await generateKeyPair('ES256');
const stranger = await generateKeyPair('RS256');
const jwks = { keys: [{ ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256' }, { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256' }] };

function asymmetric(payload: JWTPayload, alg: 'RS256' | 'ES256', key: CryptoKey, kid: string): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, kid }).sign(key);
}

const SETTINGS: Record<string, EmbedSettings> = {
  acme: { hsSecrets: [SECRET, PREVIOUS], allowedOrigins: ['https://app.acme.example'] },
  globex: { hsSecrets: [], jwksUrl: JWKS_URL, allowedOrigins: ['https://globex.example'] },
};

function makeTokens(opts: { fetchJwks?: FetchImplementation; now?: () => number } = {}) {
  let lookups = 0;
  const tokens = new EmbedTokens(
    {
      embedSettings: async (tenant) => {
        lookups++;
        return Object.hasOwn(SETTINGS, tenant) ? SETTINGS[tenant] : undefined;
      },
    },
    { fetchJwks: opts.fetchJwks ?? (async () => Response.json(jwks)), now: opts.now },
  );
  return { tokens, lookups: () => lookups };
}

async function failure(p: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  try {
    await p;
  } catch (err) {
    if (!isAppError(err)) throw err;
    return { code: err.code, status: err.status, message: err.message };
  }
  throw new Error('expected the token to be refused');
}

describe('embed tokens: what is accepted', () => {
  it('accepts an HS256 token signed with the tenant secret and reads its dashboards and locked filters', async () => {
    const { tokens } = makeTokens();
    const principal = await tokens.verify(await hs256(claims()));
    expect(principal).toMatchObject({ tenant: 'acme', subject: 'customer-42', locked: [{ dim: 'cluster', op: 'in', values: ['acme-prod-eu'] }] });
    expect([...principal.dashboards]).toEqual(['cluster-overview']);
  });

  it('accepts the previous secret during a rotation', async () => {
    const { tokens } = makeTokens();
    expect((await tokens.verify(await hs256(claims(), PREVIOUS))).tenant).toBe('acme');
  });

  it('accepts RS256 and ES256 tokens signed with a key of the tenant JWKS', async () => {
    const { tokens } = makeTokens();
    expect((await tokens.verify(await asymmetric(claims({ tenant: 'globex' }), 'RS256', rsa.privateKey, 'rsa-1'))).tenant).toBe('globex');
    expect((await tokens.verify(await asymmetric(claims({ tenant: 'globex', sub: 'ec' }), 'ES256', ec.privateKey, 'ec-1'))).subject).toBe('ec');
  });

  it('defaults to no locked filters when the token has none', async () => {
    const { tokens } = makeTokens();
    expect((await tokens.verify(await hs256(claims({ filters: undefined })))).locked).toEqual([]);
  });

  it('verifies a token once and reuses the result until it expires', async () => {
    let now = Date.now();
    const { tokens, lookups } = makeTokens({ now: () => now });
    const token = await hs256(claims({ exp: Math.floor(now / 1000) + 30 }));
    await tokens.verify(token);
    await tokens.verify(token);
    expect(lookups()).toBe(1);
    now += 31_000;
    expect(await failure(tokens.verify(token))).toMatchObject({ status: 401, message: expect.stringContaining('expired') });
  });
});

describe('embed tokens: every bad token is a 401, never a 500', () => {
  const cases: [string, () => Promise<string>][] = [
    ['expired', () => hs256(claims({ exp: Math.floor(Date.now() / 1000) - 60 }))],
    ['tampered (tenant changed after signing)', async () => {
      const [head, , sig] = (await hs256(claims())).split('.');
      return `${head}.${Buffer.from(JSON.stringify(claims({ filters: [] }))).toString('base64url')}.${sig}`;
    }],
    ['wrong audience', () => hs256(claims({ aud: 'someone-else' }))],
    ['no audience', () => hs256(claims({ aud: undefined }))],
    ['signed with another key', () => hs256(claims(), OTHER)],
    ['alg none', async () => `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`],
    ['living longer than an hour', () => hs256(claims({ exp: Math.floor(Date.now() / 1000) + 2 * 3600 }))],
    ['unknown tenant', () => hs256(claims({ tenant: 'umbrella' }))],
    ['a tenant id from the prototype', () => hs256(claims({ tenant: '__proto__' }))],
    ['no tenant', () => hs256(claims({ tenant: undefined }))],
    ['no dashboards', () => hs256(claims({ dashboards: [] }))],
    ['filters not in the view shape', () => hs256(claims({ filters: [{ dim: 'cluster', op: 'like', values: ['%'] }] }))],
    ['no expiry', () => hs256(claims({ exp: undefined }))],
    ['HS256 for a tenant that only has a JWKS', () => hs256(claims({ tenant: 'globex' }))],
    ['RS256 for a tenant without a JWKS', () => asymmetric(claims(), 'RS256', rsa.privateKey, 'rsa-1')],
    ['RS256 signed with a key outside the JWKS', () => asymmetric(claims({ tenant: 'globex' }), 'RS256', stranger.privateKey, 'rsa-1')],
    ['RS256 naming an unknown key id', () => asymmetric(claims({ tenant: 'globex' }), 'RS256', stranger.privateKey, 'nobody')],
    ['HS384', () => new SignJWT(claims()).setProtectedHeader({ alg: 'HS384' }).sign(new TextEncoder().encode(SECRET))],
    ['not a JWT at all', async () => 'garbage'],
  ];
  for (const [name, make] of cases) {
    it(name, async () => {
      const { tokens } = makeTokens();
      expect(await failure(tokens.verify(await make()))).toMatchObject({ code: 'unauthenticated', status: 401 });
    });
  }

  it('a JWKS that cannot be fetched is 503 (retry), not a verdict on the token', async () => {
    const { tokens } = makeTokens({ fetchJwks: async () => new Response('down', { status: 502 }) });
    const token = await asymmetric(claims({ tenant: 'globex' }), 'RS256', rsa.privateKey, 'rsa-1');
    expect(await failure(tokens.verify(token))).toMatchObject({ code: 'engine_unavailable', status: 503 });
  });
});

describe('the Authorization header', () => {
  it('reads a Bearer token and refuses any other scheme with 401', async () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken(null)).toBeUndefined();
    expect(await failure(Promise.resolve().then(() => bearerToken('Basic dXNlcjpwYXNz')))).toMatchObject({ status: 401 });
  });
});
