import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verify } from '@/lib/alerts/signature';
import { REPORT_ATTEMPTS } from '@/lib/contract/reports';
import { AppError } from '@/lib/errors/app-error';
import { createOutboundClient } from '@/lib/outbound/client';
import { createMailer } from '@/lib/outbound/mailer';
import type { RenderJob } from '@/lib/render/renderer';
import { KEEP_FINISHED_RUNS, type ScheduleRow } from '@/lib/store/report-schedules';
import { openTestAlertStore } from '@/lib/testing/alert-store';
import { startSmtpReceiver } from '@/lib/testing/smtp-receiver';
import { startWebhookReceiver, type ReceiverPlan } from '@/lib/testing/webhook-receiver';
import { nextOccurrence } from '@/lib/view/recurrence';
import { ReportScheduler, type SchedulerDeps } from './scheduler';

/**
 * The scheduler's own logic over the real app-state database (PGlite, or PostgreSQL under
 * npm run test:postgres), a real SMTP server and a real webhook receiver on loopback; the drawing
 * is a stand-in here (the browser suite renders real PDFs: e2e/reports.spec.ts).
 */
let db: Awaited<ReturnType<typeof openTestAlertStore>>;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  db = await openTestAlertStore(['acme', 'globex']);
  for (const [email, tenant] of [['owner@acme.test', 'acme'], ['member@acme.test', 'acme'], ['other@globex.test', 'globex']] as const) {
    const u = await db.store.users.ensure({ email, passwordHash: null });
    await db.store.memberships.put(tenant, u.id, 'viewer');
  }
});
afterAll(() => db?.close());
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await db.store.db.exec('delete from report_schedules; delete from webhooks');
});

const DAY = 86_400_000;
const PDF = Buffer.from('%PDF-1.7 a stand-in for the drawn dashboard');

/** A clock the test moves. */
function clock(start: number) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms), set: (ms: number) => (now = ms) };
}

async function scheduler(opts: { now: () => number; render?: (job: RenderJob) => Promise<Buffer>; smtpReject?: (n: number) => number | undefined; hookPlan?: ReceiverPlan } = { now: Date.now }) {
  const smtp = await startSmtpReceiver({ reject: opts.smtpReject });
  const hook = await startWebhookReceiver(opts.hookPlan);
  const jobs: RenderJob[] = [];
  const deps: SchedulerDeps = {
    store: db.store,
    webhooks: db.alerts,
    client: createOutboundClient({ allowPrivate: true, timeoutMs: 2_000 }),
    mailer: createMailer({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'Pulseboard <reports@pulse.test>' }, { allowPrivate: true }),
    render: async (job) => (jobs.push(job), opts.render ? opts.render(job) : PDF),
    renderToken: async (grant) => `token-for-${grant.tenant}-${grant.subject}`,
    check: async () => {},
    publicUrl: 'https://pulse.example.com',
    now: opts.now,
    random: () => 0.5,
    baseDelayMs: 1_000,
  };
  cleanups.push(() => Promise.all([smtp.close(), hook.close()]).then(() => undefined));
  return { s: new ReportScheduler(deps), smtp, hook, jobs };
}

const BASE = { id: 'Rep0rt_000000001', tenant: 'acme', owner: 'owner@acme.test', name: 'Morning traffic', dashboard: 'cluster-overview', panel: null, format: 'pdf' as const, every: 'day' as const, weekday: null, atMinute: 8 * 60, tz: 'Europe/Berlin' };

async function schedule(over: Partial<Omit<ScheduleRow, 'createdAt' | 'paused'>> & { nextRunAt: number }) {
  const row = { ...BASE, view: { range: { last: 'P1D' }, tz: 'Europe/Berlin', grain: 'auto', filters: [], compare: 'none', limit: 10 }, channel: 'email' as const, recipients: ['owner@acme.test'], ...over };
  await db.store.reports.create(row);
  return row;
}

describe('ReportScheduler', () => {
  it('sends a schedule missed while the app was down once, then moves it to its next time after now', async () => {
    const t = clock(Date.UTC(2026, 11, 4, 12));
    // Due three days ago at 08:00 Berlin: the app was down since.
    const missed = nextOccurrence({ every: 'day', weekday: null, atMinute: 8 * 60, tz: 'Europe/Berlin' }, t.now() - 3 * DAY);
    await schedule({ nextRunAt: missed });
    const { s, smtp, jobs } = await scheduler({ now: t.now });
    await s.kick();
    await s.kick();
    expect(smtp.mails).toHaveLength(1);
    expect(jobs).toHaveLength(1);
    const after = (await db.store.reports.get('acme', 'owner@acme.test', BASE.id))!;
    expect(after.nextRunAt).toBe(nextOccurrence({ every: 'day', weekday: null, atMinute: 8 * 60, tz: 'Europe/Berlin' }, t.now()));
    const runs = await db.store.reports.runs(BASE.id, 10);
    expect(runs.map((r) => [r.state, r.dueAt, r.attempts])).toEqual([['delivered', missed, 1]]);

    // The mail: to the recipient, the file attached, what it covers: the day before the due time, pinned.
    const mail = smtp.mails[0]!;
    expect(mail.envelopeTo).toEqual(['owner@acme.test']);
    expect(mail.subject).toBe('[Pulseboard] Morning traffic');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.contentType).toBe('application/pdf');
    expect(Buffer.compare(mail.attachments[0]!.content, PDF)).toBe(0);
    const due = new Date(missed).toISOString();
    expect(jobs[0]!.path).toContain(`/render/cluster-overview?`);
    expect(decodeURIComponent(jobs[0]!.path)).toContain(new Date(missed - DAY).toISOString().slice(0, 16));
    expect(mail.attachments[0]!.filename).toBe(`cluster-overview-${due.slice(0, 16).replace(':', '')}.pdf`);
    expect(mail.text).toContain('https://pulse.example.com/d/cluster-overview?');
    expect(jobs[0]!.bearer).toBe('token-for-acme-owner@acme.test');
  });

  it('opens one run per due time when two instances share the database', async () => {
    const t = clock(Date.UTC(2026, 11, 4, 12));
    await schedule({ nextRunAt: t.now() - 60_000 });
    const a = await scheduler({ now: t.now });
    const b = await scheduler({ now: t.now });
    await Promise.all([a.s.kick(), b.s.kick(), a.s.kick(), b.s.kick()]);
    expect(a.smtp.mails.length + b.smtp.mails.length).toBe(1);
    expect(await db.store.reports.runs(BASE.id, 10)).toHaveLength(1);
  });

  it('retries a failed delivery with backoff, shows why, and fails it after the last attempt', async () => {
    const t = clock(Date.UTC(2026, 11, 4, 12));
    await schedule({ nextRunAt: t.now() - 1 });
    const { s, smtp } = await scheduler({ now: t.now, smtpReject: () => 451 });
    await s.kick();
    let [run] = await db.store.reports.runs(BASE.id, 1);
    expect(run).toMatchObject({ state: 'pending', attempts: 1, lastReason: 'smtp_rejected' });
    // Not due again before its backoff.
    await s.kick();
    expect(smtp.offered()).toBe(1);
    for (let i = 2; i <= REPORT_ATTEMPTS; i++) {
      t.set(run!.nextAttemptAt);
      await s.kick();
      [run] = await db.store.reports.runs(BASE.id, 1);
      expect(run!.attempts).toBe(i);
    }
    expect(run).toMatchObject({ state: 'failed', attempts: REPORT_ATTEMPTS, lastReason: 'smtp_rejected' });
    expect(smtp.offered()).toBe(REPORT_ATTEMPTS);
  });

  it('retries a busy renderer and sends once it draws', async () => {
    const t = clock(Date.UTC(2026, 11, 4, 12));
    await schedule({ nextRunAt: t.now() - 1 });
    let calls = 0;
    const { s, smtp } = await scheduler({ now: t.now, render: async () => (++calls === 1 ? Promise.reject(new AppError('rate_limited', 'busy')) : PDF) });
    await s.kick();
    const [first] = await db.store.reports.runs(BASE.id, 1);
    expect(first).toMatchObject({ state: 'pending', lastReason: 'renderer_busy' });
    t.set(first!.nextAttemptAt);
    await s.kick();
    expect((await db.store.reports.runs(BASE.id, 1))[0]).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(smtp.mails).toHaveLength(1);
  });

  it('sends to the members among the recipients only, and fails at once without an owner or members', async () => {
    const t = clock(Date.UTC(2026, 11, 4, 12));
    await schedule({ nextRunAt: t.now() - 1, recipients: ['member@acme.test', 'other@globex.test'] });
    const { s, smtp, jobs } = await scheduler({ now: t.now });
    await s.kick();
    expect(smtp.mails.map((m) => m.envelopeTo)).toEqual([['member@acme.test']]);

    await schedule({ id: 'Rep0rt_000000002', nextRunAt: t.now() - 1, recipients: ['other@globex.test'] });
    await schedule({ id: 'Rep0rt_000000003', owner: 'gone@acme.test', nextRunAt: t.now() - 1 });
    await s.kick();
    expect((await db.store.reports.runs('Rep0rt_000000002', 1))[0]).toMatchObject({ state: 'failed', attempts: 1, lastReason: 'no_recipients' });
    expect((await db.store.reports.runs('Rep0rt_000000003', 1))[0]).toMatchObject({ state: 'failed', attempts: 1, lastReason: 'owner_removed' });
    // Nothing was drawn for either.
    expect(jobs).toHaveLength(1);
  });

  it('posts a PNG report to the tenant’s webhook, signed, with the file base64-encoded', async () => {
    const t = clock(Date.now());
    const { s, hook, jobs } = await scheduler({ now: t.now });
    await db.alerts.putWebhook('acme', { url: hook.url, secret: 'a-webhook-secret', createdAt: new Date().toISOString() });
    await schedule({ nextRunAt: t.now() - 1, format: 'png', panel: 'latency', channel: 'webhook', recipients: [] });
    await s.kick();
    expect(hook.raw).toHaveLength(1);
    const got = hook.raw[0]!;
    expect(verify('a-webhook-secret', got.body, got.signature, Math.floor(t.now() / 1000))).toBe(true);
    const body = JSON.parse(got.body);
    const [run] = await db.store.reports.runs(BASE.id, 1);
    expect(run).toMatchObject({ state: 'delivered' });
    expect(got.id).toBe(run!.id);
    expect(body).toMatchObject({ id: run!.id, type: 'report', report: { id: BASE.id, name: 'Morning traffic' }, format: 'png', panel: 'latency', file: { contentType: 'image/png', bytes: PDF.length } });
    expect(Buffer.from(body.file.base64, 'base64').equals(PDF)).toBe(true);
    expect(jobs[0]).toMatchObject({ format: 'png', selector: '[data-panel="latency"]' });
    expect(jobs[0]!.path).toMatch(/^\/render\/cluster-overview\/latency\?/);
  });

  it('fails a webhook report at once when the tenant has no webhook, and skips paused schedules', async () => {
    const t = clock(Date.UTC(2026, 11, 4, 12));
    await schedule({ nextRunAt: t.now() - 1, channel: 'webhook', recipients: [] });
    await schedule({ id: 'Rep0rt_000000002', nextRunAt: t.now() - 1 });
    await db.store.reports.update('acme', 'owner@acme.test', 'Rep0rt_000000002', { paused: true });
    const { s, jobs } = await scheduler({ now: t.now });
    await s.kick();
    expect((await db.store.reports.runs(BASE.id, 1))[0]).toMatchObject({ state: 'failed', lastReason: 'no_webhook' });
    expect(await db.store.reports.runs('Rep0rt_000000002', 1)).toEqual([]);
    expect(jobs).toEqual([]);
  });

  it('keeps a schedule’s newest finished runs only; pending runs and other schedules’ runs stay', async () => {
    const t = clock(Date.UTC(2026, 11, 4, 12));
    await schedule({ nextRunAt: t.now() + DAY });
    await schedule({ id: 'Rep0rt_000000002', nextRunAt: t.now() + DAY });
    const reports = db.store.reports;
    const finish = async (scheduleId: string, n: number, state: 'delivered' | 'failed') => {
      const run = await reports.openManual({ id: scheduleId, tenant: 'acme' }, `run-${scheduleId}-${n}`, t.advance(1_000));
      await reports.claim('me', t.now(), 60_000, 10);
      await reports.record(run.id, 'me', { state, attempts: 1, nextAttemptAt: t.now(), lastAttemptAt: t.now(), lastReason: null });
      return run.id;
    };
    await finish('Rep0rt_000000002', 0, 'failed');
    const pending = await reports.openManual({ id: BASE.id, tenant: 'acme' }, 'run-pending', t.advance(1_000));
    const finished: string[] = [];
    for (let n = 0; n < KEEP_FINISHED_RUNS + 3; n++) finished.push(await finish(BASE.id, n, n % 7 === 0 ? 'failed' : 'delivered'));
    const ids = (await reports.runs(BASE.id, 1_000)).map((r) => r.id);
    expect(ids).toEqual([...finished.slice(-KEEP_FINISHED_RUNS).reverse(), pending.id]);
    expect(await reports.runs('Rep0rt_000000002', 10)).toHaveLength(1);
  });
});
