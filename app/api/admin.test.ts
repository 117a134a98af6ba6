import { beforeAll, describe, expect, it } from 'vitest';
import { getRuntime } from '@/lib/runtime/runtime';
import { adminApi, api, cookieFor } from '@/lib/testing/api-client';

process.env.PULSE_LIVE = 'off';

let acme: string; // demo@acme.test, admin of acme
let ops: string; // ops@acme.test, viewer of acme
let globex: string; // demo@globex.test, admin of globex
const idOf = async (email: string, cookie: string) => ((await adminApi.users(cookie)).body.members as { id: number; email: string }[]).find((m) => m.email === email)?.id;

beforeAll(async () => {
  await getRuntime();
  [acme, ops, globex] = [await cookieFor('demo@acme.test'), await cookieFor('ops@acme.test'), await cookieFor('demo@globex.test')];
});

describe('who may use the admin API', () => {
  it('is 401 without a session and 403 for a viewer, on every admin endpoint and the webhook', async () => {
    const calls = (c?: string) => [
      adminApi.users(c),
      adminApi.setRole(1, 'admin', c),
      adminApi.remove(1, c),
      adminApi.invite({ email: 'x@acme.test', role: 'admin' }, c),
      adminApi.thresholds(c),
      adminApi.setThresholds({}, c),
      adminApi.audit('', c),
      api.registerWebhook('https://hooks.example.com/x', c),
      api.removeWebhook(c),
    ];
    for (const r of await Promise.all(calls())) expect([r.status, r.body.error.code]).toEqual([401, 'unauthenticated']);
    for (const r of await Promise.all(calls(ops))) expect([r.status, r.body.error.code]).toEqual([403, 'forbidden']);
  });
});

describe('members', () => {
  it("lists the admin's own tenant only, and treats another tenant's user as not found", async () => {
    const r = await adminApi.users(acme);
    expect(r.status).toBe(200);
    expect(r.body.members.map((m: { email: string; role: string }) => `${m.email} ${m.role}`)).toEqual(['demo@acme.test admin', 'ops@acme.test viewer']);
    const globexAdmin = (await idOf('demo@globex.test', globex))!;
    expect((await adminApi.setRole(globexAdmin, 'viewer', acme)).status).toBe(404);
    expect((await adminApi.remove(globexAdmin, acme)).status).toBe(404);
    expect((await adminApi.setRole('abc', 'viewer', acme)).status).toBe(404);
    expect((await api.session(globex)).status).toBe(200);
  });

  it('changes roles (a promoted viewer becomes admin at once), refuses bad roles and keeps the last admin', async () => {
    const opsId = (await idOf('ops@acme.test', acme))!;
    const acmeId = (await idOf('demo@acme.test', acme))!;
    expect((await adminApi.setRole(opsId, 'owner', acme)).body.error).toMatchObject({ code: 'invalid_input', path: 'role' });
    expect((await adminApi.setRole(acmeId, 'viewer', acme)).body.error).toMatchObject({ code: 'conflict', path: 'role', message: expect.stringMatching(/at least one admin/) });
    expect((await adminApi.setRole(opsId, 'admin', acme)).body.member).toMatchObject({ email: 'ops@acme.test', role: 'admin' });
    expect((await adminApi.users(ops)).status).toBe(200);
    expect((await adminApi.setRole(opsId, 'viewer', acme)).body.member.role).toBe('viewer');
    expect((await adminApi.users(ops)).status).toBe(403);
  });

  it('removes a member and refuses their session at once', async () => {
    const inviteR = await adminApi.invite({ email: 'Temp@Acme.test', role: 'editor' }, acme);
    expect(inviteR.status).toBe(200);
    expect(inviteR.body).toMatchObject({ invitation: { email: 'temp@acme.test', role: 'editor', invitedBy: 'demo@acme.test' }, token: expect.stringMatching(/^[\w-]{32}$/) });
    expect((await adminApi.users(acme)).body.invitations.map((i: { email: string }) => i.email)).toEqual(['temp@acme.test']);
    expect((await adminApi.users(globex)).body.invitations).toEqual([]);
    expect((await adminApi.invite({ email: 'ops@acme.test', role: 'viewer' }, acme)).body.error).toMatchObject({ code: 'conflict', path: 'email' });
    expect((await adminApi.invite({ email: `${'a'.repeat(65)}@acme.test`, role: 'viewer' }, acme)).body.error).toMatchObject({ code: 'invalid_input', path: 'email' });

    const rt = await getRuntime();
    const user = await rt.store.users.ensure({ email: 'leaver@acme.test', passwordHash: null });
    await rt.store.memberships.put('acme', user.id, 'viewer');
    const leaver = `pb_session=${await rt.auth.issue({ email: 'leaver@acme.test', tenant: 'acme', tenantName: 'Acme Corp', role: 'viewer' })}`;
    expect((await api.session(leaver)).status).toBe(200);
    expect((await adminApi.remove(user.id, acme)).body).toEqual({ removed: true, sessionsRevoked: 1 });
    expect((await api.session(leaver)).status).toBe(401);
    expect((await adminApi.remove(user.id, acme)).status).toBe(404);
  });
});

describe('invitations', () => {
  it('lets the invitee accept once with a password and sign in to the inviting tenant with the granted role', async () => {
    const { token } = (await adminApi.invite({ email: 'analyst@globex.test', role: 'editor' }, globex)).body;
    expect((await adminApi.accept({ token: 'x'.repeat(32), password: 'a good password' })).status).toBe(404);
    expect((await adminApi.accept({ token, password: 'short' })).body.error).toMatchObject({ code: 'invalid_input', path: 'password' });
    expect((await adminApi.accept({ token, password: 'a good password' })).body).toEqual({ tenant: 'globex', email: 'analyst@globex.test', role: 'editor', signedIn: true });
    expect((await adminApi.accept({ token, password: 'another password' })).status).toBe(404);
    const signedIn = await api.login('analyst@globex.test', 'a good password');
    expect(signedIn.body.user).toEqual({ email: 'analyst@globex.test', tenant: 'globex', tenantName: 'Globex', role: 'editor' });
    expect((await adminApi.users(globex)).body.members.map((m: { email: string; role: string }) => `${m.email} ${m.role}`)).toContain('analyst@globex.test editor');
  });
});

describe('thresholds and the audit log', () => {
  it("keeps each tenant's thresholds, refusing unknown rules and parameters by path", async () => {
    const r = await adminApi.setThresholds({ login_spike: { minFailures: 40 } }, acme);
    expect(r.status).toBe(200);
    expect(r.body.thresholds).toEqual({ login_spike: { minFailures: 40 } });
    expect((await adminApi.thresholds(acme)).body).toMatchObject({ thresholds: { login_spike: { minFailures: 40 } }, defaults: { login_spike: { minFailures: 25 } } });
    expect((await adminApi.thresholds(globex)).body.thresholds).toEqual({});
    expect((await adminApi.setThresholds({ login_spike: { maxFailures: 1 } }, acme)).body.error).toMatchObject({ code: 'invalid_input', path: 'thresholds.login_spike.maxFailures' });
    // A window size is one value for every tenant in the alert job: refused, not stored to no effect.
    expect((await adminApi.setThresholds({ login_spike: { windowMinutes: 10 } }, acme)).body.error).toMatchObject({ code: 'invalid_input', path: 'thresholds.login_spike.windowMinutes' });
    expect((await adminApi.setThresholds({ no_such_rule: {} }, acme)).body.error).toMatchObject({ code: 'invalid_input', path: 'thresholds.no_such_rule' });
    expect((await adminApi.setThresholds({ login_spike: { minFailures: -1 } }, acme)).body.error).toMatchObject({ code: 'invalid_input', path: 'thresholds.login_spike.minFailures' });
  });

  it("shows a tenant's own sign-ins and admin changes, newest first, in pages", async () => {
    const first = await adminApi.audit('?limit=3', acme);
    expect(first.status).toBe(200);
    expect(first.body.entries.map((e: { action: string }) => e.action)).toEqual(['thresholds_changed', 'user_removed', 'sign_in']);
    const next = await adminApi.audit(`?limit=50&before=${first.body.next}`, acme);
    const actions = next.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toContain('role_changed');
    expect(actions).toContain('user_invited');
    expect(actions).toContain('sign_in');
    expect(next.body.next).toBeNull();
    const globexLog = (await adminApi.audit('', globex)).body.entries;
    expect(globexLog.length).toBeGreaterThan(0);
    expect(globexLog.filter((e: { actor: string }) => !e.actor.endsWith('@globex.test'))).toEqual([]);
    expect((await adminApi.audit('?limit=0', acme)).body.error).toMatchObject({ code: 'invalid_input', path: 'limit' });
  });
});
