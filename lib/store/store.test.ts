import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir, openTestStore, testingPostgres } from '@/lib/testing/store';
import { migrate, readMigrations, type Migration } from './migrate';
import { openPglite } from './pglite';
import type { Store } from './store';

let store: Awaited<ReturnType<typeof openTestStore>>;
let migrations: Migration[];

beforeAll(async () => {
  store = await openTestStore();
  migrations = await readMigrations();
  await store.tenants.create({ id: 'acme', name: 'Acme Corp' });
  await store.tenants.create({ id: 'globex', name: 'Globex' });
});
afterAll(() => store?.close());

async function member(s: Store, tenant: string, email: string, role: 'viewer' | 'editor' | 'admin') {
  const user = await s.users.ensure({ email, passwordHash: 'scrypt$x' });
  await s.memberships.put(tenant, user.id, role);
  return user;
}

describe('migrations', () => {
  it('applied every migration on a new database, once', async () => {
    // npm run test:postgres runs this file against PostgreSQL: make sure it really did.
    expect(store.db.kind).toBe(testingPostgres() ? 'postgres' : 'pglite');
    expect(store.opened.applied).toEqual(migrations.map((m) => m.version));
    expect(await migrate(store.db, migrations)).toEqual([]);
    const rows = await store.db.query<{ version: number }>('select version from schema_migrations order by version');
    expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
  });

  it('lets instances migrating at the same time take turns: each migration is applied once', async () => {
    const next: Migration = { version: migrations.length + 1, name: 'probe', sql: 'create table probe (id int primary key)' };
    const results = await Promise.all([migrate(store.db, [...migrations, next]), migrate(store.db, [...migrations, next]), migrate(store.db, [...migrations, next])]);
    expect(results.flat()).toEqual([next.version]);
    await store.db.exec('drop table probe');
    await store.db.query('delete from schema_migrations where version = $1', [next.version]);
  });

  it('rolls a failing migration back whole and refuses a database migrated by a newer version', async () => {
    const broken: Migration = { version: migrations.length + 1, name: 'broken', sql: 'create table half (id int); select no_such_function()' };
    await expect(migrate(store.db, [...migrations, broken])).rejects.toThrow(/no_such_function/);
    expect(await store.db.query("select 1 from information_schema.tables where table_name = 'half'")).toEqual([]);
    await expect(migrate(store.db, migrations.slice(0, -1))).rejects.toThrow(/migrated by a newer Pulseboard/);
  });
});

describe('migration 5', () => {
  it('drops stored threshold overrides the alert job never applied per tenant, and rules left with none', async () => {
    await store.thresholds.replace('globex', { login_spike: { minFailures: 30, windowMinutes: 10 }, consumer_lag_rising: { consecutiveMinutes: 3 } });
    await store.db.exec(migrations.find((m) => m.version === 5)!.sql);
    expect(await store.thresholds.forTenant('globex')).toEqual({ login_spike: { minFailures: 30 } });
    await store.thresholds.replace('globex', {});
  });
});

describe('tenants and people', () => {
  it('creates a tenant once and keeps users one row per email however typed', async () => {
    expect(await store.tenants.create({ id: 'acme', name: 'Again' })).toBeNull();
    expect((await store.tenants.get('acme'))?.name).toBe('Acme Corp');
    const a = await store.users.ensure({ email: ' Mixed@Case.test ', passwordHash: 'h1' });
    const b = await store.users.ensure({ email: 'mixed@case.test', passwordHash: 'h2' });
    expect(b.id).toBe(a.id);
    expect((await store.users.findByEmail('MIXED@case.test'))?.passwordHash).toBe('h1');
  });

  it("keeps each tenant's members, roles and removals to that tenant", async () => {
    const ann = await member(store, 'acme', 'ann@acme.test', 'admin');
    const hank = await member(store, 'globex', 'hank@globex.test', 'viewer');
    expect((await store.memberships.forTenant('acme')).map((m) => m.email)).toContain('ann@acme.test');
    expect((await store.memberships.forTenant('acme')).map((m) => m.email)).not.toContain('hank@globex.test');
    // acme's admin cannot reach globex's user through acme.
    expect(await store.memberships.setRole('acme', hank.id, 'admin')).toBe(false);
    expect(await store.memberships.remove('acme', hank.id)).toBe(false);
    expect(await store.memberships.roleOf('globex', 'hank@globex.test')).toBe('viewer');
    expect(await store.memberships.roleOf('globex', 'ann@acme.test')).toBeNull();
    expect(await store.memberships.forUser(ann.id)).toEqual([{ tenant: 'acme', tenantName: 'Acme Corp', role: 'admin' }]);
    expect(await store.memberships.setRole('acme', ann.id, 'editor')).toBe(true);
    expect(await store.memberships.roleOf('acme', 'ann@acme.test')).toBe('editor');
  });

  it('creates an account only when the email has none, keeping the existing one untouched', async () => {
    const created = await store.users.createIfAbsent({ email: 'Fresh@acme.test', name: 'Fresh Person', passwordHash: 'h-new' });
    expect(created).toMatchObject({ email: 'fresh@acme.test', name: 'Fresh Person', passwordHash: 'h-new' });
    expect(await store.users.createIfAbsent({ email: 'fresh@acme.test', name: 'Intruder', passwordHash: 'h-other' })).toBeNull();
    expect(await store.users.findByEmail('fresh@acme.test')).toMatchObject({ name: 'Fresh Person', passwordHash: 'h-new' });
    await expect(store.users.createIfAbsent({ email: 'x2@acme.test', name: '', passwordHash: 'h' })).rejects.toThrow();
  });

  it('refuses a role outside viewer, editor and admin, and a tenant id that is not a slug', async () => {
    const u = await store.users.ensure({ email: 'x@acme.test', passwordHash: null });
    await expect(store.memberships.put('acme', u.id, 'owner' as 'admin')).rejects.toThrow();
    await expect(store.tenants.create({ id: 'Bad Id', name: 'x' })).rejects.toThrow();
  });
});

describe('invitations', () => {
  it('grants once, before it expires, and keeps only the hash of the token', async () => {
    const { token } = await store.invitations.create({ tenant: 'acme', email: 'New@acme.test', role: 'editor', invitedBy: 'ann@acme.test', expiresAt: new Date(Date.now() + 60_000) });
    expect(await store.db.query('select 1 from invitations where token_hash = $1', [token])).toEqual([]);
    expect((await store.invitations.pending('acme')).map((i) => i.email)).toContain('new@acme.test');
    expect(await store.invitations.pending('globex')).toEqual([]);
    expect(await store.invitations.open(token)).toMatchObject({ tenant: 'acme', tenantName: 'Acme Corp', email: 'new@acme.test', role: 'editor', expiresAt: expect.any(Date) });
    expect(await store.invitations.accept(token)).toEqual({ tenant: 'acme', email: 'new@acme.test', role: 'editor' });
    expect(await store.invitations.accept(token)).toBeNull();
    expect(await store.invitations.open(token)).toBeNull();
    const expired = await store.invitations.create({ tenant: 'acme', email: 'late@acme.test', role: 'viewer', invitedBy: 'a', expiresAt: new Date(Date.now() - 1) });
    expect(await store.invitations.accept(expired.token)).toBeNull();
    expect(await store.invitations.accept('guessed-token')).toBeNull();
  });
});

describe('sessions', () => {
  it("revokes a user's live sessions in one tenant only, and lists revocations for a restart", async () => {
    const u = await member(store, 'acme', 'both@acme.test', 'viewer');
    await store.memberships.put('globex', u.id, 'viewer');
    const later = Date.now() + 3_600_000;
    const since = new Date(Date.now() - 1000);
    expect(await store.sessions.record({ id: 's-acme', email: 'both@acme.test', tenant: 'acme', expiresAt: later })).toBe(true);
    expect(await store.sessions.record({ id: 's-globex', email: 'both@acme.test', tenant: 'globex', expiresAt: later })).toBe(true);
    expect(await store.sessions.record({ id: 's-nobody', email: 'nobody@acme.test', tenant: 'acme', expiresAt: later })).toBe(false);
    const ended = await store.sessions.revokeForUser('acme', u.id);
    expect(ended.map((s) => s.id)).toEqual(['s-acme']);
    expect(Math.abs(ended[0]!.expiresAt - later)).toBeLessThan(1000);
    expect((await store.sessions.revokedSince(since)).map((s) => s.id)).toEqual(['s-acme']);
    await store.sessions.revoke('s-globex');
    expect((await store.sessions.revokedSince(since)).map((s) => s.id).sort()).toEqual(['s-acme', 's-globex']);
  });
});

describe('tenant settings', () => {
  it('keeps thresholds, embed settings and the audit log per tenant', async () => {
    await store.thresholds.replace('acme', { login_spike: { minFailures: 30 } });
    expect(await store.thresholds.forTenant('acme')).toEqual({ login_spike: { minFailures: 30 } });
    expect(await store.thresholds.forTenant('globex')).toEqual({});
    await store.thresholds.replace('acme', {});
    expect(await store.thresholds.forTenant('acme')).toEqual({});

    // What the alert job's topic is made of: every tenant, dated by its last change.
    const before = Date.now() - 60_000;
    await store.thresholds.replace('acme', { login_spike: { minFailures: 40 }, under_replicated: { minutes: 5 } });
    const acme = await store.thresholds.current('acme');
    expect(acme).toMatchObject({ tenant: 'acme', thresholds: { login_spike: { minFailures: 40 }, under_replicated: { minutes: 5 } } });
    expect(acme.changedAt!.getTime()).toBeGreaterThan(before);
    expect(await store.thresholds.current('globex')).toEqual({ tenant: 'globex', thresholds: {}, changedAt: null });
    const all = await store.thresholds.all();
    expect(all.find((t) => t.tenant === 'acme')).toEqual(acme);
    expect(all.find((t) => t.tenant === 'globex')).toEqual({ tenant: 'globex', thresholds: {}, changedAt: null });
    expect(all.map((t) => t.tenant)).toEqual((await store.tenants.list()).map((t) => t.id));
    await store.thresholds.replace('acme', {});

    expect(await store.tenants.embedSettings('acme')).toEqual({ secret: null, jwksUrl: null, allowedOrigins: [] });
    expect(await store.tenants.embedSettings('nowhere')).toBeNull();
    await store.tenants.setEmbedSecret('acme', 'first');
    await store.tenants.setEmbedOrigins('acme', { jwksUrl: null, allowedOrigins: ['https://app.acme.test'] });
    await store.tenants.setEmbedSecret('acme', 'second');
    expect(await store.tenants.embedSettings('acme')).toEqual({ secret: 'second', jwksUrl: null, allowedOrigins: ['https://app.acme.test'] });
    expect((await store.tenants.embedSettings('globex'))?.secret).toBeNull();
    // Re-sealing replaces only the value it read: a secret issued meanwhile is kept.
    await store.tenants.resealEmbedSecret('acme', 'first', 'stale');
    expect((await store.tenants.embedSettings('acme'))?.secret).toBe('second');
    await store.tenants.resealEmbedSecret('acme', 'second', 'second-resealed');
    expect((await store.tenants.embedSettings('acme'))?.secret).toBe('second-resealed');
    await store.tenants.setEmbedSecret('acme', null);
    expect((await store.tenants.embedSettings('acme'))?.secret).toBeNull();

    for (const i of [1, 2, 3]) await store.audit.record({ tenant: 'acme', actor: 'ann@acme.test', action: 'role_changed', target: `u${i}`, detail: { role: 'viewer' } });
    await store.audit.record({ tenant: 'globex', actor: 'hank@globex.test', action: 'sign_in' });
    const page = await store.audit.list('acme', { limit: 2 });
    expect(page.map((e) => e.target)).toEqual(['u3', 'u2']);
    expect(page[0]!.detail).toEqual({ role: 'viewer' });
    expect((await store.audit.list('acme', { limit: 2, before: page[1]!.id })).map((e) => e.target)).toEqual(['u1']);
    expect((await store.audit.list('globex', { limit: 10 })).map((e) => e.actor)).toEqual(['hank@globex.test']);
  });
});

describe('the embedded database directory', () => {
  it('refuses a second process while the first holds it, and takes over a lock left by a process that is gone', async () => {
    if (store.db.kind !== 'pglite') return expect(store.databaseUrl).toMatch(/^postgres/);
    const dir = join(store.dataDir, 'pglite');
    // The test's own store holds the lock: pretend another live process (our parent) does.
    writeFileSync(`${dir}.lock`, String(process.ppid));
    await expect(openPglite(dir)).rejects.toThrow(new RegExp(`in use by process ${process.ppid}`));
    writeFileSync(`${dir}.lock`, '2147483646');
    const probeDir = freshDataDir();
    const probe = join(probeDir, 'pglite');
    writeFileSync(`${probe}.lock`, '2147483646');
    const db = await openPglite(probe);
    expect(await db.query('select 1 as one')).toEqual([{ one: 1 }]);
    await db.close();
    rmSync(probeDir, { recursive: true, force: true });
  });
});
