import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPORTS_PER_OWNER } from '@/lib/contract/reports';
import { getRuntime } from '@/lib/runtime/runtime';
import { until } from '@/lib/testing/alert-store';
import { adminApi, api, cookieFor, reportsApi as r, workspaceApi } from '@/lib/testing/api-client';
import { startSmtpReceiver } from '@/lib/testing/smtp-receiver';

process.env.PULSE_LIVE = 'off';
// No browser here: a run is drawn by nothing and must say so (the browser suite sends real PDFs).
process.env.PULSE_CHROMIUM_PATH = '/nonexistent/chromium';
const smtp = await startSmtpReceiver();
process.env.PULSE_SMTP_HOST = '127.0.0.1';
process.env.PULSE_SMTP_PORT = String(smtp.port);
process.env.PULSE_WEBHOOKS_ALLOW_PRIVATE = 'on';
afterAll(() => smtp.close());

let acme: string; // demo@acme.test, admin of acme
let ops: string; // ops@acme.test, viewer of acme
let globex: string; // demo@globex.test, admin of globex
beforeAll(async () => {
  await getRuntime();
  [acme, ops, globex] = [await cookieFor('demo@acme.test'), await cookieFor('ops@acme.test'), await cookieFor('demo@globex.test')];
});

const daily = {
  name: 'Morning overview',
  dashboard: 'cluster-overview',
  view: { range: { last: 'P1D' }, tz: 'Europe/Berlin' },
  every: 'day',
  at: '08:00',
  tz: 'Europe/Berlin',
  channel: { kind: 'email', recipients: ['ops@acme.test', 'demo@acme.test'] },
};
const NOBODY = 'AAAAAAAAAAAAAAAA';

describe('/api/reports', () => {
  it('is 401 without a session on every endpoint', async () => {
    for (const res of await Promise.all([r.list(), r.add(daily), r.get(NOBODY), r.change(NOBODY, { paused: true }), r.remove(NOBODY), r.run(NOBODY)])) {
      expect([res.status, res.body.error.code]).toEqual([401, 'unauthenticated']);
    }
  });

  it('lets a viewer schedule, list, pause, resume and delete their own report, each audited', async () => {
    const added = await r.add(daily, ops);
    expect(added.status).toBe(200);
    const report = added.body.report;
    expect(report).toMatchObject({ name: 'Morning overview', format: 'pdf', panel: null, every: 'day', weekday: null, at: '08:00', tz: 'Europe/Berlin', paused: false, lastRun: null });
    expect(report.channel).toEqual({ kind: 'email', recipients: ['ops@acme.test', 'demo@acme.test'] });
    // Next at 08:00 Berlin, within a day.
    const next = Date.parse(report.nextRunAt);
    expect(next).toBeGreaterThan(Date.now());
    expect(next - Date.now()).toBeLessThanOrEqual(25 * 3_600_000);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(next)).toBe('08:00');

    expect((await r.list(ops)).body.reports.map((x: { id: string }) => x.id)).toContain(report.id);
    const paused = await r.change(report.id, { paused: true }, ops);
    expect(paused.body.report).toMatchObject({ paused: true, nextRunAt: null });
    const resumed = await r.change(report.id, { paused: false, name: 'Daily overview' }, ops);
    expect(resumed.body.report).toMatchObject({ paused: false, name: 'Daily overview', nextRunAt: report.nextRunAt });
    expect((await r.get(report.id, ops)).body).toMatchObject({ report: { id: report.id }, runs: [] });
    expect((await r.remove(report.id, ops)).body).toEqual({ deleted: true });
    expect((await r.get(report.id, ops)).status).toBe(404);

    const audit = (await adminApi.audit('?limit=20', acme)).body.entries as { action: string; target: string; actor: string }[];
    expect(audit.filter((e) => e.target === report.id).map((e) => [e.action, e.actor])).toEqual([
      ['report_removed', 'ops@acme.test'],
      ['report_changed', 'ops@acme.test'],
      ['report_changed', 'ops@acme.test'],
      ['report_scheduled', 'ops@acme.test'],
    ]);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ ...daily, format: 'png' }, 'panel'],
      [{ ...daily, panel: 'latency' }, 'panel'],
      [{ ...daily, every: 'week' }, 'weekday'],
      [{ ...daily, weekday: 3 }, 'weekday'],
      [{ ...daily, every: 'week', weekday: 8 }, 'weekday'],
      [{ ...daily, every: 'hour' }, 'every'],
      [{ ...daily, at: '24:00' }, 'at'],
      [{ ...daily, at: '8:00' }, 'at'],
      [{ ...daily, tz: 'Mars/Olympus' }, 'tz'],
      [{ ...daily, name: ' ' }, 'name'],
      [{ ...daily, extra: true }, 'extra'],
      [{ ...daily, channel: { kind: 'email', recipients: [] } }, 'channel.recipients'],
      [{ ...daily, channel: { kind: 'email', recipients: ['ops@acme.test', 'OPS@acme.test'] } }, 'channel.recipients'],
      [{ ...daily, channel: { kind: 'fax' } }, 'channel.kind'],
      // Reports go to members only: another tenant's user is as outside as a stranger.
      [{ ...daily, channel: { kind: 'email', recipients: ['ops@acme.test', 'demo@globex.test'] } }, 'channel.recipients.1'],
      [{ ...daily, channel: { kind: 'email', recipients: ['someone@example.com'] } }, 'channel.recipients.0'],
      [{ ...daily, view: { range: { last: 'P1D' }, filters: [{ dim: 'password', op: 'in', values: ['x'] }] } }, 'view.filters.0.dim'],
    ];
    for (const [body, path] of cases) {
      const res = await r.add(body, ops);
      expect([res.status, res.body.error.code, res.body.error.path], JSON.stringify(body)).toEqual([400, 'invalid_input', path]);
    }
    const unknown = await r.add({ ...daily, dashboard: 'nope' }, ops);
    expect([unknown.status, unknown.body.error.path]).toEqual([404, 'dashboard']);
    const noPanel = await r.add({ ...daily, format: 'png', panel: 'nope' }, ops);
    expect([noPanel.status, noPanel.body.error.path]).toEqual([404, 'panel']);
  });

  it('needs the tenant’s webhook for the webhook channel (409 without one)', async () => {
    const body = { ...daily, channel: { kind: 'webhook' } };
    const refused = await r.add(body, globex);
    expect([refused.status, refused.body.error.code, refused.body.error.path]).toEqual([409, 'conflict', 'channel']);
    expect((await api.registerWebhook('http://127.0.0.1:9/hook', globex)).status).toBe(200);
    const added = await r.add(body, globex);
    expect(added.body.report.channel).toEqual({ kind: 'webhook' });
    await r.remove(added.body.report.id, globex);
  });

  it('shows nobody else’s reports: another member’s and another tenant’s ids are 404 everywhere', async () => {
    const id = (await r.add(daily, ops)).body.report.id as string;
    for (const cookie of [acme, globex]) {
      for (const res of await Promise.all([r.get(id, cookie), r.change(id, { paused: true }, cookie), r.remove(id, cookie), r.run(id, cookie)])) {
        expect([res.status, res.body.error.code, res.body.error.path]).toEqual([404, 'not_found', 'id']);
      }
      expect((await r.list(cookie)).body.reports.map((x: { id: string }) => x.id)).not.toContain(id);
    }
    expect((await r.get(id, ops)).status).toBe(200);
    // Ids that cannot be a report's (a NUL, which the database would refuse, among them) name nothing either.
    for (const bad of ['\u0000', 'x'.repeat(64), '../reports', `${id}x`]) expect((await r.get(bad, ops)).status).toBe(404);
    await r.remove(id, ops);
  });

  it('keeps a view’s filter values exactly as given, and refuses a NUL in one (as saved views do)', async () => {
    const view = { range: { last: 'P1D' }, tz: 'UTC', filters: [{ dim: 'cluster', op: 'in', values: ['☃ "quoted"', "it's <b>"] }] };
    const added = await r.add({ ...daily, view }, ops);
    expect(added.status).toBe(200);
    expect((await r.get(added.body.report.id, ops)).body.report.view.filters).toEqual(view.filters);
    await r.remove(added.body.report.id, ops);
    const nul = { ...view, filters: [{ dim: 'cluster', op: 'in', values: ['a\u0000b'] }] };
    const refused = await r.add({ ...daily, view: nul }, ops);
    expect([refused.status, refused.body.error.path]).toEqual([400, 'view.filters.0.values.0']);
    const saved = await workspaceApi.saveView({ dashboard: 'cluster-overview', name: 'With a NUL', view: nul }, ops);
    expect([saved.status, saved.body.error.path]).toEqual([400, 'view.filters.0.values.0']);
  });

  it(`keeps at most ${MAX_REPORTS_PER_OWNER} per person (409 beyond)`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < MAX_REPORTS_PER_OWNER; i++) ids.push((await r.add({ ...daily, name: `Report ${i}` }, acme)).body.report.id);
    const refused = await r.add(daily, acme);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'conflict']);
    // Another person's count is their own.
    const theirs = await r.add(daily, ops);
    expect(theirs.status).toBe(200);
    for (const id of [...ids]) await r.remove(id, acme);
    await r.remove(theirs.body.report.id, ops);
  });

  it('sends now: the run is pending, and a failed attempt shows why and when it is retried', async () => {
    const id = (await r.add(daily, ops)).body.report.id as string;
    const queued = await r.run(id, ops);
    expect(queued.status).toBe(200);
    expect(queued.body.run).toMatchObject({ manual: true, state: 'pending', attempts: 0 });
    // Asked again while it is pending: the same run, not a second report.
    expect((await r.run(id, ops)).body.run.id).toBe(queued.body.run.id);
    // This server has no browser: the attempt fails, is kept pending and says so.
    await until(async () => (await r.get(id, ops)).body.runs[0]?.attempts === 1, 15_000);
    const { report, runs } = (await r.get(id, ops)).body;
    expect(runs[0]).toMatchObject({ id: queued.body.run.id, state: 'pending', attempts: 1, lastReason: 'The server could not start its browser to draw the report.' });
    expect(Date.parse(runs[0].nextAttemptAt)).toBeGreaterThan(Date.now());
    expect(report.lastRun).toEqual(runs[0]);
    expect(smtp.mails).toEqual([]);
    await r.remove(id, ops);
  });
});
