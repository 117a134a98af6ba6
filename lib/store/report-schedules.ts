import 'server-only';
import type { Queryable } from './sql';

/** A scheduled report as stored; `view` is the validated view JSON, times in epoch ms. */
export type ScheduleRow = {
  id: string;
  tenant: string;
  owner: string;
  name: string;
  dashboard: string;
  panel: string | null;
  format: 'pdf' | 'png';
  view: unknown;
  every: 'day' | 'week';
  weekday: number | null;
  atMinute: number;
  tz: string;
  channel: 'email' | 'webhook';
  recipients: string[];
  paused: boolean;
  nextRunAt: number;
  createdAt: Date;
};

export type RunState = 'pending' | 'delivered' | 'failed';
export type RunRow = {
  id: string;
  scheduleId: string;
  tenant: string;
  dueAt: number;
  manual: boolean;
  state: RunState;
  attempts: number;
  nextAttemptAt: number;
  lastAttemptAt: number | null;
  lastReason: string | null;
};
export type RunOutcome = Pick<RunRow, 'state' | 'attempts' | 'nextAttemptAt' | 'lastAttemptAt' | 'lastReason'>;

/** Finished runs kept per schedule: more than the report page lists (lib/api/reports.ts shows 20). */
export const KEEP_FINISHED_RUNS = 50;

const SCHEDULE = `s.id, s.tenant_id as tenant, s.owner, s.name, s.dashboard, s.panel, s.format, s.view, s.every, s.weekday, s.at_minute as "atMinute", s.tz,
  s.channel, s.recipients, s.paused, s.next_run_at as "nextRunAt", s.created_at as "createdAt"`;
const RUN = `r.id, r.schedule_id as "scheduleId", r.tenant_id as tenant, r.due_at as "dueAt", r.manual, r.state, r.attempts, r.next_attempt_at as "nextAttemptAt",
  r.last_attempt_at as "lastAttemptAt", r.last_reason as "lastReason"`;

// bigint columns come back as strings from pg and as numbers from PGlite.
const schedule = (r: ScheduleRow): ScheduleRow => ({ ...r, nextRunAt: Number(r.nextRunAt) });
const run = (r: RunRow): RunRow => ({
  ...r,
  dueAt: Number(r.dueAt),
  nextAttemptAt: Number(r.nextAttemptAt),
  lastAttemptAt: r.lastAttemptAt === null ? null : Number(r.lastAttemptAt),
});

/**
 * Scheduled reports and their runs. A person sees and changes only their own schedules in the
 * tenant (the tenant and owner are part of every match), so another's id names nothing.
 */
export function reportSchedulesRepo(db: Queryable) {
  return {
    async list(tenant: string, owner: string): Promise<ScheduleRow[]> {
      return (await db.query<ScheduleRow>(`select ${SCHEDULE} from report_schedules s where s.tenant_id = $1 and s.owner = $2 order by s.created_at, s.id`, [tenant, owner])).map(schedule);
    },

    async get(tenant: string, owner: string, id: string): Promise<ScheduleRow | null> {
      const rows = await db.query<ScheduleRow>(`select ${SCHEDULE} from report_schedules s where s.tenant_id = $1 and s.owner = $2 and s.id = $3`, [tenant, owner, id]);
      return rows[0] ? schedule(rows[0]) : null;
    },

    /** Any schedule by id: what a run renders (the scheduler's view, not a person's). */
    async byId(id: string): Promise<ScheduleRow | null> {
      const rows = await db.query<ScheduleRow>(`select ${SCHEDULE} from report_schedules s where s.id = $1`, [id]);
      return rows[0] ? schedule(rows[0]) : null;
    },

    async count(tenant: string, owner: string): Promise<number> {
      return Number((await db.query<{ n: number | string }>('select count(*) as n from report_schedules where tenant_id = $1 and owner = $2', [tenant, owner]))[0]!.n);
    },

    async create(s: Omit<ScheduleRow, 'createdAt' | 'paused'>): Promise<void> {
      await db.query(
        `insert into report_schedules (id, tenant_id, owner, name, dashboard, panel, format, view, every, weekday, at_minute, tz, channel, recipients, next_run_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::text[], $15)`,
        [s.id, s.tenant, s.owner, s.name, s.dashboard, s.panel, s.format, JSON.stringify(s.view), s.every, s.weekday, s.atMinute, s.tz, s.channel, s.recipients, s.nextRunAt],
      );
    },

    /** Renames, pauses or resumes the owner's schedule (a resumed one is next due at `nextRunAt`); false when it names nothing of theirs. */
    async update(tenant: string, owner: string, id: string, patch: { name?: string; paused?: boolean; nextRunAt?: number }): Promise<boolean> {
      const rows = await db.query(
        `update report_schedules set name = coalesce($4, name), paused = coalesce($5, paused), next_run_at = coalesce($6, next_run_at), updated_at = now()
         where tenant_id = $1 and owner = $2 and id = $3 returning id`,
        [tenant, owner, id, patch.name ?? null, patch.paused ?? null, patch.nextRunAt ?? null],
      );
      return rows.length > 0;
    },

    async remove(tenant: string, owner: string, id: string): Promise<boolean> {
      return (await db.query('delete from report_schedules where tenant_id = $1 and owner = $2 and id = $3 returning id', [tenant, owner, id])).length > 0;
    },

    /** Schedules due at `now`, oldest due first. */
    async due(now: number, limit: number): Promise<ScheduleRow[]> {
      return (await db.query<ScheduleRow>(`select ${SCHEDULE} from report_schedules s where not s.paused and s.next_run_at <= $1 order by s.next_run_at limit $2`, [now, limit])).map(schedule);
    },

    /**
     * Opens the run of a schedule's due time and moves the schedule to `next`, only if it is
     * still due at `dueAt` (another instance may have done it): one run per due time.
     * Call inside a transaction.
     */
    async openDue(s: Pick<ScheduleRow, 'id' | 'tenant' | 'nextRunAt'>, runId: string, next: number, now: number): Promise<boolean> {
      const moved = await db.query('update report_schedules set next_run_at = $3 where id = $1 and next_run_at = $2 and not paused returning id', [s.id, s.nextRunAt, next]);
      if (!moved.length) return false;
      await db.query(
        `insert into report_runs (id, schedule_id, tenant_id, due_at, state, next_attempt_at, created_at) values ($1, $2, $3, $4, 'pending', $5, $5)
         on conflict do nothing`,
        [runId, s.id, s.tenant, s.nextRunAt, now],
      );
      return true;
    },

    /** The schedule's manual run that is still pending, if any. */
    async pendingManual(scheduleId: string): Promise<RunRow | null> {
      const rows = await db.query<RunRow>(`select ${RUN} from report_runs r where r.schedule_id = $1 and r.manual and r.state = 'pending' limit 1`, [scheduleId]);
      return rows[0] ? run(rows[0]) : null;
    },

    /** A run its owner asked for now. */
    async openManual(s: Pick<ScheduleRow, 'id' | 'tenant'>, runId: string, now: number): Promise<RunRow> {
      const rows = await db.query<RunRow>(
        `insert into report_runs as r (id, schedule_id, tenant_id, due_at, manual, state, next_attempt_at, created_at) values ($1, $2, $3, $4, true, 'pending', $4, $4) returning ${RUN}`,
        [runId, s.id, s.tenant, now],
      );
      return run(rows[0]!);
    },

    /** Claims pending runs that are due, as the outbox claims deliveries: others sharing the database skip them until `now + leaseMs`. */
    async claim(owner: string, now: number, leaseMs: number, limit: number): Promise<RunRow[]> {
      const rows = await db.query<RunRow>(
        `update report_runs as r set claimed_by = $1, claimed_until = $3 where r.id in (
           select id from report_runs where state = 'pending' and next_attempt_at <= $2 and (claimed_until is null or claimed_until <= $2)
           order by next_attempt_at limit $4 for update skip locked)
         returning ${RUN}`,
        [owner, now, now + leaseMs, limit],
      );
      return rows.map(run);
    },

    /**
     * Records an attempt's outcome (only while this claimant holds the run) and frees its claim.
     * A finished run drops the schedule's finished runs beyond the newest KEEP_FINISHED_RUNS: a
     * daily report would otherwise add a row a day for ever.
     */
    async record(id: string, owner: string, o: RunOutcome): Promise<void> {
      const rows = await db.query<{ schedule_id: string }>(
        `update report_runs set state = $3, attempts = $4, next_attempt_at = $5, last_attempt_at = $6, last_reason = $7, claimed_by = null, claimed_until = null
         where id = $1 and claimed_by = $2 returning schedule_id`,
        [id, owner, o.state, o.attempts, o.nextAttemptAt, o.lastAttemptAt, o.lastReason],
      );
      if (o.state === 'pending' || !rows[0]) return;
      await db.query(
        `delete from report_runs where schedule_id = $1 and state <> 'pending' and id not in (
           select id from report_runs where schedule_id = $1 and state <> 'pending' order by created_at desc, id limit $2)`,
        [rows[0].schedule_id, KEEP_FINISHED_RUNS],
      );
    },

    async runs(scheduleId: string, limit: number): Promise<RunRow[]> {
      return (await db.query<RunRow>(`select ${RUN} from report_runs r where r.schedule_id = $1 order by r.created_at desc, r.id limit $2`, [scheduleId, limit])).map(run);
    },

    async run(scheduleId: string, runId: string): Promise<RunRow | null> {
      const rows = await db.query<RunRow>(`select ${RUN} from report_runs r where r.schedule_id = $1 and r.id = $2`, [scheduleId, runId]);
      return rows[0] ? run(rows[0]) : null;
    },

    /** The newest run of each of these schedules. */
    async latestRuns(scheduleIds: string[]): Promise<Map<string, RunRow>> {
      if (!scheduleIds.length) return new Map();
      const rows = await db.query<RunRow>(
        `select distinct on (r.schedule_id) ${RUN} from report_runs r where r.schedule_id = any($1::text[]) order by r.schedule_id, r.created_at desc, r.id`,
        [scheduleIds],
      );
      return new Map(rows.map((r) => [r.scheduleId, run(r)]));
    },
  };
}
