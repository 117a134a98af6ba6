import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbedTokens, type EmbedDirectory, type EmbedSettings } from '@/lib/auth/embed-token';
import { secretBox } from '@/lib/auth/secret-box';
import { isAppError } from '@/lib/errors/app-error';
import { openTestStore } from '@/lib/testing/store';
import { embedOrigins, guardedJwksFetch, storeEmbedDirectory } from './embed';

const { publicKey, privateKey } = await generateKeyPair('ES256');
const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] };
let server: Server;
let store: Awaited<ReturnType<typeof openTestStore>>;
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
  store = await openTestStore();
  await store.tenants.create({ id: 'acme', name: 'Acme Corp' });
  await store.tenants.create({ id: 'globex', name: 'Globex' });
});
afterAll(async () => {
  await store?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const fixed = (tenants: Record<string, EmbedSettings>): EmbedDirectory => ({ embedSettings: async (t) => (Object.hasOwn(tenants, t) ? tenants[t] : undefined) });

const token = () =>
  new SignJWT({ tenant: 'globex', dashboards: ['cluster-overview'] }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject('v').setAudience('pulseboard').setExpirationTime('10m').sign(privateKey);

function tokensFor(path: string, allowPrivate: boolean) {
  const directory = fixed({ globex: { hsSecrets: [], jwksUrl: `${jwksUrl}${path}`, allowedOrigins: ['https://globex.example'] } });
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

});

const APP_SECRET = 'app-secret-of-this-deployment-'.padEnd(48, 'k');
const HS_SECRET = 'vendor-hs256-secret-of-acme-'.padEnd(43, 'v');
const hsToken = (secret: string, tenant = 'acme') =>
  new SignJWT({ tenant, dashboards: ['cluster-overview'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('v').setAudience('pulseboard').setExpirationTime('10m').sign(new TextEncoder().encode(secret));

describe('embedding settings from the app-state database', () => {
  it('keeps the HS256 secret sealed in the database and verifies tokens signed with it', async () => {
    const box = secretBox([APP_SECRET]);
    await store.tenants.setEmbedSecret('acme', box.seal(HS_SECRET, 'acme'));
    await store.tenants.setEmbedOrigins('acme', { jwksUrl: null, allowedOrigins: ['https://app.acme.example'] });
    const [row] = await store.db.query<{ secret: string }>("select secret from tenant_embed where tenant_id = 'acme'");
    expect(row!.secret).not.toBe(HS_SECRET);
    expect(row!.secret).not.toContain(HS_SECRET);
    const directory = storeEmbedDirectory(store, box);
    expect(await code(new EmbedTokens(directory).verify(await hsToken(HS_SECRET)))).toBe('accepted');
    expect(await code(new EmbedTokens(directory).verify(await hsToken('another-secret-'.padEnd(43, 'x'))))).toBe('unauthenticated');
    expect(await embedOrigins(directory, 'acme')).toEqual(['https://app.acme.example']);
  });

  it('fails closed under another app secret: the tenant is treated as not embedding, its tokens 401', async () => {
    await store.tenants.setEmbedSecret('acme', secretBox([APP_SECRET]).seal(HS_SECRET, 'acme'));
    const directory = storeEmbedDirectory(store, secretBox(['a-different-app-secret-'.padEnd(48, 'd')]));
    expect(await directory.embedSettings('acme')).toBeUndefined();
    expect(await code(new EmbedTokens(directory).verify(await hsToken(HS_SECRET)))).toBe('unauthenticated');
  });

  it('reads a secret sealed with the previous app secret during a rotation, and seals it again with the current one', async () => {
    const old = secretBox([APP_SECRET]).seal(HS_SECRET, 'acme');
    await store.tenants.setEmbedSecret('acme', old);
    const rotated = secretBox(['the-next-app-secret-'.padEnd(48, 'n'), APP_SECRET]);
    expect((await storeEmbedDirectory(store, rotated).embedSettings('acme'))?.hsSecrets).toEqual([HS_SECRET]);
    const [row] = await store.db.query<{ secret: string }>("select secret from tenant_embed where tenant_id = 'acme'");
    expect(row!.secret).not.toBe(old);
    expect(rotated.isCurrent(row!.secret)).toBe(true);
    expect(rotated.open(row!.secret, 'acme')).toBe(HS_SECRET);
  });

  it("never lets one tenant's sealed secret verify another tenant's tokens", async () => {
    const box = secretBox([APP_SECRET]);
    // A sealed value copied to another tenant's row does not open there (the tenant id is authenticated with it).
    await store.tenants.setEmbedSecret('globex', box.seal(HS_SECRET, 'acme'));
    await store.tenants.setEmbedOrigins('globex', { jwksUrl: null, allowedOrigins: ['https://globex.example'] });
    const directory = storeEmbedDirectory(store, box);
    expect(await directory.embedSettings('globex')).toBeUndefined();
    expect(await code(new EmbedTokens(directory).verify(await hsToken(HS_SECRET, 'globex')))).toBe('unauthenticated');
  });

  it('knows only tenants of the database that embed, whatever their names', async () => {
    const directory = storeEmbedDirectory(store, secretBox([APP_SECRET]));
    for (const name of ['nowhere', '__proto__', 'constructor', 'toString']) expect(await directory.embedSettings(name)).toBeUndefined();
    await store.tenants.create({ id: 'initech', name: 'Initech' });
    await store.tenants.setEmbedOrigins('initech', { jwksUrl: null, allowedOrigins: ['https://initech.example'] });
    // Origins alone (no secret, no JWKS): nothing could sign its tokens, so it does not embed.
    expect(await embedOrigins(directory, 'initech')).toBeUndefined();
  });
});
