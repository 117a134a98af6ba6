import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '@/lib/auth/users';
import { openStore } from '@/lib/store/store';
import { freshDataDir, freshPostgresDatabase, testingPostgres } from '@/lib/testing/store';
import { runAdmin } from './admin-cli';
import { secretBox } from '@/lib/auth/secret-box';
import { storeDirectory } from './auth';
import { storeEmbedDirectory } from './embed';
import { appStateLocation, StoreEnvSchema } from './config';

let env: Record<string, string>;
let cleanUp: () => unknown;
beforeAll(async () => {
  const server = testingPostgres();
  if (server) {
    const db = await freshPostgresDatabase(server);
    env = { PULSE_DATABASE_URL: db.url };
    cleanUp = db.drop;
  } else {
    env = { PULSE_DATA_DIR: freshDataDir() };
    cleanUp = () => rmSync(env.PULSE_DATA_DIR!, { recursive: true, force: true });
  }
});
afterAll(() => cleanUp?.());

async function adminWith(environment: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, environment, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const admin = (...argv: string[]) => adminWith(env, ...argv);

async function withStore<T>(fn: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore(appStateLocation(StoreEnvSchema.parse(env)));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

describe('npm run admin', () => {
  it('creates a tenant once, and says why it refuses bad input (exit 2) or a taken id (exit 1)', async () => {
    expect(await admin('tenant', 'create', 'shop', '--name', 'Shop Inc')).toEqual({ code: 0, out: 'created tenant shop (Shop Inc)', err: '' });
    expect(await admin('tenant', 'create', 'shop', '--name', 'Again')).toMatchObject({ code: 1, err: 'tenant create: tenant shop exists already' });
    expect(await admin('tenant', 'create', 'Bad Id', '--name', 'x')).toMatchObject({ code: 2, err: expect.stringMatching(/^tenant create: tenant id: a tenant id is 1–63 lowercase/) });
    expect(await admin('tenant', 'create', 'other')).toMatchObject({ code: 2, err: expect.stringMatching(/^tenant create: missing --name\nUsage/) });
    expect(await admin('tenant', 'create', 'other', '--name', 'x', '--color', 'red')).toMatchObject({ code: 2, err: expect.stringMatching(/Unknown option '--color'/) });
    expect(await admin('tenant', 'delete', 'shop')).toMatchObject({ code: 2, err: expect.stringMatching(/^unknown command: tenant delete\nUsage/) });
    expect((await admin()).code).toBe(2);
  });

  it('creates a user who can then sign in with that password, in that tenant and role', async () => {
    const base = ['user', 'create', '--tenant', 'shop', '--email', 'Owner@Shop.test', '--password', 'long enough secret'];
    expect(await admin(...base.slice(0, -2), '--password', 'short', '--role', 'admin')).toMatchObject({ code: 2, err: expect.stringMatching(/--password: a password has at least 8 characters/) });
    expect(await admin(...base, '--role', 'owner')).toMatchObject({ code: 2, err: expect.stringMatching(/--role: a role is one of viewer, editor, admin/) });
    expect(await admin(...base.slice(0, 4), '--email', 'not-an-email', '--password', 'long enough secret', '--role', 'admin')).toMatchObject({ code: 2, err: expect.stringMatching(/--email: not an email address/) });
    expect(await admin('user', 'create', '--tenant', 'nowhere', '--email', 'a@b.test', '--password', 'long enough secret', '--role', 'admin')).toMatchObject({ code: 1, err: expect.stringMatching(/there is no tenant nowhere/) });
    expect(await admin(...base, '--role', 'admin')).toEqual({ code: 0, out: 'created admin owner@shop.test in tenant shop', err: '' });
    expect(await admin(...base, '--role', 'viewer')).toMatchObject({ code: 1, err: expect.stringMatching(/owner@shop.test exists already/) });
    await withStore(async (store) => {
      expect(await authenticate(storeDirectory(store), 'owner@shop.test', 'long enough secret')).toEqual({ email: 'owner@shop.test', tenant: 'shop', tenantName: 'Shop Inc', role: 'admin' });
      expect(await authenticate(storeDirectory(store), 'owner@shop.test', 'wrong password')).toBeNull();
      expect(await store.memberships.roleOf('shop', 'owner@shop.test')).toBe('admin');
      expect((await store.audit.list('shop', { limit: 10 })).map((e) => `${e.actor} ${e.action}`)).toEqual(['cli user_created', 'cli tenant_created']);
    });
  });

  it('prints a new embedding secret each time and stores the latest encrypted, for the app (same PULSE_SECRET) to read', async () => {
    const APP_SECRET = 'the-app-secret-shared-by-app-and-cli-'.padEnd(48, 'c');
    const withSecret = { ...env, PULSE_SECRET: APP_SECRET };
    const first = await admin('embed-secret', 'shop');
    const second = await adminWith(withSecret, 'embed-secret', 'shop');
    expect(first.out).toMatch(/^[\w-]{43}$/);
    expect(second.out).toMatch(/^[\w-]{43}$/);
    expect(second.out).not.toBe(first.out);
    expect(second.err).toMatch(/fingerprint [0-9a-f:]{19}/);
    await withStore(async (store) => {
      const sealed = (await store.tenants.embedSettings('shop'))!.secret!;
      expect(sealed).not.toContain(second.out);
      expect(secretBox([APP_SECRET]).open(sealed, 'shop')).toBe(second.out);
      expect((await storeEmbedDirectory(store, secretBox([APP_SECRET])).embedSettings('shop'))?.hsSecrets).toEqual([second.out]);
    });
    expect(await adminWith({ ...env, PULSE_ENGINE: 'druid' }, 'embed-secret', 'shop')).toMatchObject({ code: 1, err: expect.stringMatching(/PULSE_SECRET is required outside demo mode/) });
    expect(await admin('embed-secret', 'nowhere')).toMatchObject({ code: 1, err: 'embed-secret: there is no tenant nowhere' });
    expect(await admin('embed-secret')).toMatchObject({ code: 2, err: expect.stringMatching(/expected 1 argument, got 0/) });
  });

  // Two real `npm run admin` processes (npm, tsx, the embedded database): slow on a busy machine.
  it('exits non-zero from the shell with the message on stderr', { timeout: 180_000 }, () => {
    const run = (...args: string[]) => spawnSync('npm', ['run', '--silent', 'admin', '--', ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
    const bad = run('user', 'create', '--tenant', 'shop');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/user create: missing --email/);
    const ok = run('tenant', 'create', 'cli-made', '--name', 'From the shell');
    expect({ status: ok.status, stdout: ok.stdout.trim() }).toEqual({ status: 0, stdout: 'created tenant cli-made (From the shell)' });
  });
});
