import 'server-only';
import { randomBytes, randomUUID } from 'node:crypto';
import { backoffDelay } from '@/lib/alerts/outbox';
import type { WebhookStore } from '@/lib/alerts/outbox-store';
import { DELIVERY_HEADER, SIGNATURE_HEADER, sign } from '@/lib/alerts/signature';
import type { RenderGrant } from '@/lib/auth/render-token';
import { REPORT_ATTEMPTS } from '@/lib/contract/reports';
import { isAppError } from '@/lib/errors/app-error';
import type { OutboundClient } from '@/lib/outbound/client';
import type { Mailer } from '@/lib/outbound/mailer';
import { renderJob, type RenderJob } from '@/lib/render/renderer';
import type { RunOutcome, RunRow, ScheduleRow } from '@/lib/store/report-schedules';
import type { Store } from '@/lib/store/store';
import { nextOccurrence } from '@/lib/view/recurrence';
import { ViewSchema, type View } from '@/lib/view/schema';
import { pinView } from './pin-view';
import { FINAL_REASONS, type ReportReason } from './reasons';
import { reportMail, reportWebhookBody, type ReportFile } from './report-message';

export type SchedulerDeps = {
  store: Pick<Store, 'reports' | 'memberships' | 'transaction'>;
  webhooks: Pick<WebhookStore, 'getWebhook'>;
  /** The guarded HTTP client: a report to the webhook is checked like an alert. */
  client: OutboundClient;
  /** Undefined when the operator configured no SMTP server. */
  mailer?: Mailer;
  render(job: RenderJob): Promise<Buffer>;
  renderToken(grant: RenderGrant): Promise<string>;
  /** Throws when the dashboard is gone or no longer allows the view (the query API's own checks). */
  check(tenant: string, schedule: ScheduleRow, view: View): Promise<void>;
  /** Base of the links in the messages (PULSE_PUBLIC_URL). */
  publicUrl: string;
  onAttempt?(run: RunRow, outcome: RunOutcome): void;
  now?: () => number;
  random?: () => number;
  pollMs?: number;
  /** Longer than a render and a delivery can take: a run outliving its claim may be sent twice. */
  leaseMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Runs drawn at once by this instance: reports wait rather than crowd out people's exports. */
  concurrency?: number;
};

/** The recurrence of a stored schedule. */
export const recurrenceOf = (s: Pick<ScheduleRow, 'every' | 'weekday' | 'atMinute' | 'tz'>) => ({ every: s.every, weekday: s.weekday, atMinute: s.atMinute, tz: s.tz });

/** A run id: random, so a manual run never collides with a scheduled one. */
export const newRunId = () => randomBytes(12).toString('base64url');

class RunFailure extends Error {
  constructor(readonly reason: ReportReason) {
    super(reason);
  }
}

/** The renderer's refusals in the owner's words: busy and missing browsers pass, anything else is a failed drawing. */
function renderFailure(err: unknown): RunFailure {
  if (isAppError(err) && err.code === 'rate_limited') return new RunFailure('renderer_busy');
  if (isAppError(err) && err.code === 'renderer_unavailable') return new RunFailure('renderer_unavailable');
  return new RunFailure('render_failed');
}

/**
 * Sends scheduled reports. Each poll opens one run for every schedule that is due (a schedule
 * missed while the app was down is due once, then moves to its next time after now), claims due
 * runs like the webhook outbox claims deliveries, draws each in the server's Chromium with a
 * render token of its owner (their tenant, no more), and sends it by e-mail to the recipients
 * who are still members, or signed to the tenant's webhook. A failed attempt is retried with
 * backoff; after the last one, or when a retry cannot help (owner removed, no webhook), the run
 * is failed, which its owner sees.
 */
export class ReportScheduler {
  private readonly o: Required<Omit<SchedulerDeps, 'mailer' | 'onAttempt'>> & Pick<SchedulerDeps, 'mailer' | 'onAttempt'>;
  private readonly owner = randomUUID();
  private timer?: NodeJS.Timeout;
  private ticking: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(deps: SchedulerDeps) {
    this.o = { now: Date.now, random: Math.random, pollMs: 15_000, leaseMs: 5 * 60_000, baseDelayMs: 60_000, maxDelayMs: 15 * 60_000, concurrency: 1, ...deps };
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.o.pollMs);
    this.timer.unref?.();
    this.kick();
  }

  /** Starts no more rounds; resolves when the one under way has ended. */
  stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    return this.ticking ?? Promise.resolve();
  }

  /** Looks for due schedules and runs now; resolves when this round (and one asked for meanwhile) is done. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.ticking) {
      this.again = true;
      return this.ticking;
    }
    this.ticking = (async () => {
      do {
        this.again = false;
        await this.round().catch((err: unknown) => console.error('[reports] a scheduling round failed', err));
      } while (this.again && !this.stopped);
    })().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  /** Whether e-mail can be sent at all (the operator configured SMTP). */
  get emailConfigured(): boolean {
    return this.o.mailer !== undefined;
  }

  /** A run of this schedule now, at its owner's request (the one still pending, if any: repeated clicks send it once); drawn at the next round (started here). */
  async runNow(schedule: ScheduleRow): Promise<RunRow> {
    const pending = await this.o.store.reports.pendingManual(schedule.id);
    if (pending) return pending;
    const run = await this.o.store.reports.openManual(schedule, newRunId(), this.o.now());
    void this.kick();
    return run;
  }

  private async round(): Promise<void> {
    const now = this.o.now();
    for (const s of await this.o.store.reports.due(now, 100)) {
      const next = nextOccurrence(recurrenceOf(s), now);
      await this.o.store.transaction((r) => r.reports.openDue(s, newRunId(), next, now));
    }
    // Stopping ends the round after the attempt under way, not after every run that is due.
    while (!this.stopped) {
      const runs = await this.o.store.reports.claim(this.owner, this.o.now(), this.o.leaseMs, this.o.concurrency);
      if (!runs.length) return;
      await Promise.all(runs.map((r) => this.attempt(r)));
    }
  }

  private async attempt(run: RunRow): Promise<void> {
    const schedule = await this.o.store.reports.byId(run.scheduleId);
    if (!schedule) return; // deleted meanwhile: its runs went with it
    const failure = await this.send(schedule, run).then(
      () => null,
      (err: unknown) => (err instanceof RunFailure ? err.reason : (console.error('[reports] a run failed unexpectedly', err), 'render_failed' as const)),
    );
    const at = this.o.now();
    const attempts = run.attempts + 1;
    const outcome: RunOutcome =
      failure === null
        ? { state: 'delivered', attempts, nextAttemptAt: at, lastAttemptAt: at, lastReason: null }
        : FINAL_REASONS.has(failure) || attempts >= REPORT_ATTEMPTS
          ? { state: 'failed', attempts, nextAttemptAt: at, lastAttemptAt: at, lastReason: failure }
          : { state: 'pending', attempts, nextAttemptAt: at + backoffDelay(attempts, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random), lastAttemptAt: at, lastReason: failure };
    await this.o.store.reports.record(run.id, this.owner, outcome);
    this.o.onAttempt?.(run, outcome);
  }

  /** Draws the report as its owner sees it now and delivers it; throws a RunFailure. */
  private async send(s: ScheduleRow, run: RunRow): Promise<void> {
    const { store } = this.o;
    if (!(await store.memberships.roleOf(s.tenant, s.owner))) throw new RunFailure('owner_removed');
    const parsed = ViewSchema.safeParse(s.view);
    if (!parsed.success) throw new RunFailure('view_invalid');
    const view = pinView(parsed.data, run.dueAt) as ReportFile['view'];
    await this.o.check(s.tenant, s, view).catch(() => {
      throw new RunFailure('view_invalid');
    });
    // Checked before drawing: a report with nowhere to go costs no browser time.
    let recipients: string[] = [];
    if (s.channel === 'email') {
      if (!this.o.mailer) throw new RunFailure('not_configured');
      const members = new Set((await store.memberships.forTenant(s.tenant)).map((m) => m.email.toLowerCase()));
      recipients = s.recipients.filter((r) => members.has(r));
      if (!recipients.length) throw new RunFailure('no_recipients');
    }
    const hook = s.channel === 'webhook' ? await this.o.webhooks.getWebhook(s.tenant) : undefined;
    if (s.channel === 'webhook' && !hook) throw new RunFailure('no_webhook');

    const bearer = await this.o.renderToken({ tenant: s.tenant, subject: s.owner, dashboard: s.dashboard, locked: [] });
    const job = renderJob({ format: s.format, dashboard: s.dashboard, panel: s.panel ?? undefined, view, bearer });
    const bytes = await this.o.render(job).catch((err: unknown) => {
      throw renderFailure(err);
    });
    const file: ReportFile = { runId: run.id, schedule: s, view, bytes, dueAt: run.dueAt, publicUrl: this.o.publicUrl };

    if (hook) {
      const body = reportWebhookBody(file);
      const res = await this.o.client.request(hook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Pulseboard-Reports/1', [SIGNATURE_HEADER]: sign(hook.secret, body, Math.floor(this.o.now() / 1000)), [DELIVERY_HEADER]: run.id },
        body,
      });
      if (!res.ok) throw new RunFailure(res.reason);
      return;
    }
    const res = await this.o.mailer!.send({ to: recipients, ...reportMail(file) });
    if (!res.ok) throw new RunFailure(res.reason);
  }
}
