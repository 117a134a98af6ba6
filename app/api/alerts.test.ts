import { beforeAll, describe, expect, it } from 'vitest';
import { AlertSchema, AlertsResponseSchema, type Alert } from '@/lib/contract/alerts';
import { alertsApi as alerts, adminApi, workspaceCookies } from '@/lib/testing/api-client';

process.env.PULSE_LIVE = 'off';

let acme: string; // demo@acme.test, admin of acme
let ops: string; // ops@acme.test, viewer of acme
let editor: string; // alert-editor@acme.test, editor of acme
let globex: string; // demo@globex.test, admin of globex

beforeAll(async () => {
  ({ acme, ops, editor, globex } = await workspaceCookies('alert-editor@acme.test'));
});

const list = async (cookie: string, query = '') => {
  const r = await alerts.list(query, cookie);
  expect(r.status).toBe(200);
  return AlertsResponseSchema.parse(r.body);
};
const openOne = async (cookie: string, rule = 'under_replicated') => (await list(cookie, '?state=open')).alerts.find((a) => a.rule === rule)!;

describe('the alert list', () => {
  it('lists the tenant’s incidents with ids, states, durations and value against threshold; the open count is of open ones', async () => {
    const body = await list(acme, '?tz=Europe/Berlin');
    expect(body.alerts.length).toBeGreaterThan(1);
    const ongoing = body.alerts.find((a) => a.rule === 'under_replicated')!;
    // The demo's ongoing incident: 5-minute windows from half an hour before the anchor, grouped into one alert.
    expect(ongoing).toMatchObject({ state: 'open', severity: 'critical', resolvedAutomatically: false, note: null, by: null, changedAt: null, href: expect.stringMatching(/^\/d\/cluster-overview\?v=1&.*tz=Europe%2FBerlin/) });
    expect(ongoing.windows).toBeGreaterThanOrEqual(5);
    expect(ongoing.durationMs).toBe(ongoing.windows * 300_000);
    expect(ongoing.threshold).toMatchObject({ value: 3, comparison: '>', parameter: 'minutes', inForce: 3, source: 'default', measured: ongoing.durationMs / 60_000 });
    // The login spike 45 minutes before the anchor has been quiet for longer than its 5-minute window.
    const spike = body.alerts.find((a) => a.rule === 'login_spike')!;
    expect(spike).toMatchObject({ state: 'resolved', resolvedAutomatically: true, threshold: { measured: 180, value: 40, parameter: 'minFailures', inForce: 30, source: 'default' } });
    expect(body.open).toBe(body.alerts.filter((a) => a.state === 'open').length);
    expect(body.open).toBeGreaterThanOrEqual(1);
  });

  it('shows the tenant’s own threshold override as the one in force', async () => {
    expect((await adminApi.setThresholds({ under_replicated: { minutes: 5 } }, globex)).status).toBe(200);
    const ongoing = (await list(globex)).alerts.find((a) => a.rule === 'under_replicated')!;
    expect(ongoing.threshold).toMatchObject({ parameter: 'minutes', inForce: 5, source: 'override', value: 3 });
    expect((await list(acme)).alerts.find((a) => a.rule === 'under_replicated')!.threshold).toMatchObject({ inForce: 3, source: 'default' });
    await adminApi.setThresholds({}, globex);
  });

  it('gives each alert the same id on every read', async () => {
    const ids = (await list(acme)).alerts.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await list(acme)).alerts.map((a) => a.id)).toEqual(ids);
  });

  it('filters by state and keeps the open count whatever the filter', async () => {
    const all = await list(acme);
    for (const state of ['open', 'acknowledged', 'resolved'] as const) {
      const got = await list(acme, `?state=${state}`);
      expect(got.alerts.every((a) => a.state === state)).toBe(true);
      expect(got.alerts.map((a) => a.id)).toEqual(all.alerts.filter((a) => a.state === state).map((a) => a.id));
      expect(got.open).toBe(all.open);
    }
  });

  it('refuses a bad state or zone with 400 at its parameter, and strangers with 401', async () => {
    expect((await alerts.list('?state=closed', acme)).body.error).toMatchObject({ code: 'invalid_input', path: 'state' });
    expect((await alerts.list('?tz=Mars/Base', acme)).body.error).toMatchObject({ code: 'invalid_input', path: 'tz' });
    expect((await alerts.list('?limit=3', acme)).status).toBe(400);
    expect((await alerts.list('')).status).toBe(401);
  });
});

describe('acknowledging and resolving', () => {
  it('acknowledges with a note: the alert leaves the open ones, says who and when, and the change is audited', async () => {
    const before = await list(acme);
    const target = await openOne(acme);
    const r = await alerts.ack(target.id, { note: '  Replacing broker-2.  ' }, editor);
    expect(r.status).toBe(200);
    const acked: Alert = AlertSchema.parse(r.body);
    expect(acked).toMatchObject({ id: target.id, state: 'acknowledged', note: 'Replacing broker-2.', by: 'alert-editor@acme.test' });
    expect(Date.parse(acked.changedAt!)).toBeGreaterThan(Date.now() - 60_000);

    const after = await list(acme);
    expect(after.open).toBe(before.open - 1);
    expect((await list(acme, '?state=acknowledged')).alerts.map((a) => a.id)).toContain(target.id);
    const audit = await adminApi.audit('?limit=5', acme);
    expect(audit.body.entries[0]).toMatchObject({ actor: 'alert-editor@acme.test', action: 'alert_acknowledged', target: target.id, detail: { rule: 'under_replicated', note: 'Replacing broker-2.' } });

    // Acknowledging again replaces the note; then it is resolved, and a resolved alert changes no more (409).
    expect((await alerts.ack(target.id, {}, acme)).body).toMatchObject({ state: 'acknowledged', note: null, by: 'demo@acme.test' });
    const resolved = await alerts.resolve(target.id, { note: 'Broker replaced' }, acme);
    expect(resolved.body).toMatchObject({ state: 'resolved', resolvedAutomatically: false, note: 'Broker replaced', by: 'demo@acme.test' });
    expect((await alerts.ack(target.id, { note: 'again' }, acme)).body.error).toMatchObject({ code: 'conflict' });
    expect((await alerts.resolve(target.id, {}, acme)).status).toBe(409);
    expect((await adminApi.audit('?limit=1', acme)).body.entries[0]).toMatchObject({ action: 'alert_resolved', target: target.id });
  });

  it('refuses to acknowledge an alert that resolved automatically (409)', async () => {
    const spike = (await list(acme, '?state=resolved')).alerts.find((a) => a.rule === 'login_spike')!;
    const r = await alerts.ack(spike.id, { note: 'late' }, acme);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/automatically/);
  });

  it('lets viewers read but not change (403)', async () => {
    const target = (await list(ops)).alerts[0]!;
    expect((await alerts.ack(target.id, {}, ops)).status).toBe(403);
    expect((await alerts.resolve(target.id, {}, ops)).status).toBe(403);
    expect((await list(acme)).alerts.find((a) => a.id === target.id)!.state).toBe(target.state);
  });

  it('refuses bad bodies with 400 at their path, and unknown ids with 404', async () => {
    const target = (await list(acme)).alerts[0]!;
    expect((await alerts.ack(target.id, { note: 'x'.repeat(501) }, acme)).body.error).toMatchObject({ code: 'invalid_input', path: 'note' });
    expect((await alerts.ack(target.id, { note: 'bell\u0007' }, acme)).body.error).toMatchObject({ code: 'invalid_input', path: 'note' });
    expect((await alerts.ack(target.id, { note: 3 }, acme)).body.error).toMatchObject({ path: 'note' });
    expect((await alerts.ack(target.id, { state: 'resolved' }, acme)).status).toBe(400);
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'nope', '%E0%A4%A']) {
      const r = await alerts.ack(id, {}, acme);
      expect(r.status, id).toBe(404);
      expect(r.body.error).toMatchObject({ code: 'not_found', path: 'id' });
    }
    expect((await alerts.ack(target.id, {})).status).toBe(401);
  });
});

describe('tenant isolation', () => {
  it('shows no other tenant’s alert and changes none: another tenant’s id is 404, like an id that names nothing', async () => {
    const mine = await list(acme);
    const theirs = await list(globex);
    const theirIds = new Set(theirs.alerts.map((a) => a.id));
    expect(mine.alerts.some((a) => theirIds.has(a.id) && a.message.includes('globex'))).toBe(false);
    expect(JSON.stringify(mine)).not.toMatch(/globex/i);

    // Both tenants have the demo's ongoing incident; its id can be the same (same rule, window and message):
    // acknowledging it at globex changes nothing at acme.
    const target = (await list(globex, '?state=open')).alerts.find((a) => a.rule === 'under_replicated')!;
    const acmeBefore = (await list(acme)).alerts.find((a) => a.id === target.id)?.state;
    expect((await alerts.ack(target.id, { note: 'globex only' }, globex)).status).toBe(200);
    expect((await list(acme)).alerts.find((a) => a.id === target.id)?.state).toBe(acmeBefore);
    expect((await list(acme)).alerts.some((a) => a.note === 'globex only')).toBe(false);

    // An acme-only id (a consumer of acme's) is unknown at globex, for reading and changing.
    const acmeOnly = mine.alerts.find((a) => !theirIds.has(a.id))!;
    expect(acmeOnly).toBeDefined();
    for (const r of [await alerts.ack(acmeOnly.id, { note: 'probe' }, globex), await alerts.resolve(acmeOnly.id, {}, globex)]) {
      expect(r.status).toBe(404);
      expect(r.body.error).toMatchObject({ code: 'not_found', path: 'id' });
    }
    expect((await list(acme)).alerts.find((a) => a.id === acmeOnly.id)!.note).not.toBe('probe');
  });
});
