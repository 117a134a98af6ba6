import 'server-only';
import type { WebhookRegistry } from '@/lib/alerts/webhooks';
import type { User } from '@/lib/auth/users';
import { MAX_REPORTS_PER_OWNER, minuteOfDay, timeOfDay, type Report, type ReportPatch, type ReportRequest, type ReportRun } from '@/lib/contract/reports';
import { AppError, invalid } from '@/lib/errors/app-error';
import { reasonText } from '@/lib/reports/reasons';
import { recurrenceOf, type ReportScheduler } from '@/lib/reports/scheduler';
import type { Answering } from '@/lib/service/service';
import type { RunRow, ScheduleRow } from '@/lib/store/report-schedules';
import type { Store } from '@/lib/store/store';
import { nextOccurrence } from '@/lib/view/recurrence';
import { ViewSchema, type View } from '@/lib/view/schema';
import { checkDrawable } from './export';
import { newId } from './workspace-access';

/**
 * The logic of /api/reports: a person's own scheduled reports in the session's tenant. Another
 * person's id, or another tenant's, is "not found" (404 at id), exactly like an id that names
 * nothing. Reports go only to the tenant's members or its webhook, never to outside addresses.
 */
export type ReportDeps = Pick<Answering, 'tenantDashboards' | 'freshness'> & {
  store: Store;
  webhooks: Pick<WebhookRegistry, 'get'>;
  reports: Pick<ReportScheduler, 'runNow' | 'emailConfigured'>;
  now?: () => number;
};

const notFound = () => new AppError('not_found', 'There is no such scheduled report.', 'id');
/** Report ids are 16 characters of [A-Za-z0-9_-] (migration 009): anything else names nothing, and never reaches the database (which refuses NUL). */
const REPORT_ID = /^[A-Za-z0-9_-]{16}$/;

/** The user's own report of this id, or 404. */
async function own(rt: ReportDeps, user: User, id: string): Promise<ScheduleRow> {
  const s = REPORT_ID.test(id) ? await rt.store.reports.get(user.tenant, user.email, id) : null;
  if (!s) throw notFound();
  return s;
}
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function runView(r: RunRow): ReportRun {
  return {
    id: r.id,
    dueAt: new Date(r.dueAt).toISOString(),
    manual: r.manual,
    state: r.state,
    attempts: r.attempts,
    lastAttemptAt: iso(r.lastAttemptAt),
    nextAttemptAt: r.state === 'pending' ? iso(r.nextAttemptAt) : null,
    lastReason: reasonText(r.lastReason),
  };
}

/** Null for a report stored before a change to what a view can hold: left out of the list. */
function reportView(s: ScheduleRow, lastRun: RunRow | undefined): Report | null {
  const view = ViewSchema.safeParse(s.view);
  if (!view.success) return null;
  return {
    id: s.id,
    name: s.name,
    dashboard: s.dashboard,
    format: s.format,
    panel: s.panel,
    view: view.data,
    every: s.every,
    weekday: s.weekday,
    at: timeOfDay(s.atMinute),
    tz: s.tz,
    channel: s.channel === 'email' ? { kind: 'email', recipients: s.recipients } : { kind: 'webhook' },
    paused: s.paused,
    nextRunAt: s.paused ? null : new Date(s.nextRunAt).toISOString(),
    lastRun: lastRun ? runView(lastRun) : null,
    createdAt: s.createdAt.toISOString(),
  };
}

/** The report's dashboard can draw its view (what a run checks again before drawing). */
export async function checkReportView(rt: Pick<Answering, 'tenantDashboards' | 'freshness'>, tenant: string, r: { dashboard: string; panel?: string | null; view: View }): Promise<void> {
  await checkDrawable(rt, { tenant, locked: [], dashboard: r.dashboard, panel: r.panel ?? undefined, view: r.view });
}

/** Where it goes exists and stays inside the tenant: its members' addresses, or its webhook. */
async function checkChannel(rt: ReportDeps, tenant: string, channel: ReportRequest['channel']): Promise<void> {
  if (channel.kind === 'webhook') {
    if (!(await rt.webhooks.get(tenant))) throw new AppError('conflict', 'Your organisation has no webhook yet: an admin sets it on the Admin page.', 'channel');
    return;
  }
  if (!rt.reports.emailConfigured) throw invalid('E-mail is not set up on this server (its operator configures SMTP): send it to the webhook instead.', 'channel.kind');
  const members = new Set((await rt.store.memberships.forTenant(tenant)).map((m) => m.email.toLowerCase()));
  const outside = channel.recipients.findIndex((r) => !members.has(r));
  if (outside >= 0) throw invalid(`${channel.recipients[outside]} is not a member of your organisation: reports go to members only.`, `channel.recipients.${outside}`);
}

async function current(rt: ReportDeps, user: User, id: string): Promise<Report> {
  const s = await own(rt, user, id);
  const v = reportView(s, (await rt.store.reports.latestRuns([s.id])).get(s.id));
  if (!v) throw notFound();
  return v;
}

export async function listReports(rt: ReportDeps, user: User): Promise<{ reports: Report[] }> {
  const rows = await rt.store.reports.list(user.tenant, user.email);
  const latest = await rt.store.reports.latestRuns(rows.map((r) => r.id));
  return { reports: rows.flatMap((s) => reportView(s, latest.get(s.id)) ?? []) };
}

export async function getReport(rt: ReportDeps, user: User, id: string): Promise<{ report: Report; runs: ReportRun[] }> {
  const report = await current(rt, user, id);
  return { report, runs: (await rt.store.reports.runs(id, 20)).map(runView) };
}

export async function createReport(rt: ReportDeps, user: User, req: ReportRequest): Promise<Report> {
  await checkReportView(rt, user.tenant, req);
  await checkChannel(rt, user.tenant, req.channel);
  if ((await rt.store.reports.count(user.tenant, user.email)) >= MAX_REPORTS_PER_OWNER) {
    throw new AppError('conflict', `You have ${MAX_REPORTS_PER_OWNER} scheduled reports already: remove one first.`);
  }
  const id = newId(8);
  const schedule = { every: req.every, weekday: req.weekday ?? null, atMinute: minuteOfDay(req.at), tz: req.tz };
  await rt.store.transaction(async (s) => {
    await s.reports.create({
      id,
      tenant: user.tenant,
      owner: user.email,
      name: req.name,
      dashboard: req.dashboard,
      panel: req.panel ?? null,
      format: req.format,
      view: req.view,
      ...schedule,
      channel: req.channel.kind,
      recipients: req.channel.kind === 'email' ? req.channel.recipients : [],
      nextRunAt: nextOccurrence(schedule, (rt.now ?? Date.now)()),
    });
    await s.audit.record({ tenant: user.tenant, actor: user.email, action: 'report_scheduled', target: id, detail: { name: req.name, dashboard: req.dashboard, every: req.every, channel: req.channel.kind } });
  });
  return current(rt, user, id);
}

export async function changeReport(rt: ReportDeps, user: User, id: string, patch: ReportPatch): Promise<Report> {
  const before = await own(rt, user, id);
  // Resumed: next due at its next time from now; the times missed while paused are not sent.
  const resumed = patch.paused === false && before.paused;
  await rt.store.transaction(async (s) => {
    await s.reports.update(user.tenant, user.email, id, { ...patch, ...(resumed ? { nextRunAt: nextOccurrence(recurrenceOf(before), (rt.now ?? Date.now)()) } : {}) });
    await s.audit.record({ tenant: user.tenant, actor: user.email, action: 'report_changed', target: id, detail: patch });
  });
  return current(rt, user, id);
}

export async function deleteReport(rt: ReportDeps, user: User, id: string): Promise<{ deleted: true }> {
  const before = await own(rt, user, id);
  await rt.store.transaction(async (s) => {
    await s.reports.remove(user.tenant, user.email, id);
    await s.audit.record({ tenant: user.tenant, actor: user.email, action: 'report_removed', target: id, detail: { name: before.name, dashboard: before.dashboard } });
  });
  return { deleted: true };
}

/** Sends the report now (a paused one too): its run, pending until drawn and sent. */
export async function runReportNow(rt: ReportDeps, user: User, id: string): Promise<ReportRun> {
  return runView(await rt.reports.runNow(await own(rt, user, id)));
}
