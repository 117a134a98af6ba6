import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbedTokens } from '@/lib/auth/embed-token';
import { isAppError } from '@/lib/errors/app-error';
import { configuredEmbedDirectory, guardedJwksFetch } from './embed';

const { publicKey, privateKey } = await generateKeyPair('ES256');
const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] };
let server: Server;
let fetches = 0;
let jwksUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    fetches++;
    if (req.url === '/redirect') return void res.writeHead(302, { location: '/jwks' }).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const token = () =>
  new SignJWT({ tenant: 'globex', dashboards: ['cluster-overview'] }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject('v').setAudience('pulseboard').setExpirationTime('10m').sign(privateKey);

function tokensFor(path: string, allowPrivate: boolean) {
  const directory = configuredEmbedDirectory({ globex: { hsSecrets: [], jwksUrl: `${jwksUrl}${path}`, allowedOrigins: ['https://globex.example'] } });
  return new EmbedTokens(directory, { fetchJwks: guardedJwksFetch(allowPrivate) });
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    if (!isAppError(err)) throw err;
    return err.code;
  }
}

describe("a tenant's JWKS is fetched through the outbound guard", () => {
  it('verifies against a JWKS on a real HTTP server, fetching it once for many tokens', async () => {
    fetches = 0;
    const tokens = tokensFor('/jwks', true);
    for (let i = 0; i < 3; i++) expect(await code(tokens.verify(await token()))).toBe('accepted');
    expect(fetches).toBe(1);
  });

  it('never reaches a loopback JWKS unless the operator allows private addresses: 503, nothing fetched', async () => {
    fetches = 0;
    expect(await code(tokensFor('/jwks', false).verify(await token()))).toBe('engine_unavailable');
    expect(fetches).toBe(0);
  });

  it('does not follow a redirect from the JWKS URL', async () => {
    fetches = 0;
    expect(await code(tokensFor('/redirect', true).verify(await token()))).toBe('engine_unavailable');
    expect(fetches).toBe(1);
  });

  it('knows only the configured tenants, whatever their names', async () => {
    const directory = configuredEmbedDirectory({ acme: { hsSecrets: ['x'.repeat(32)], allowedOrigins: ['https://a.example'] } });
    expect(await directory.embedSettings('acme')).toBeDefined();
    for (const name of ['globex', '__proto__', 'constructor', 'toString']) expect(await directory.embedSettings(name)).toBeUndefined();
  });
});
