-- Issue 19.4: scheduled reports. A user's view of a dashboard, rendered daily or weekly at a
-- local time as a PDF (the dashboard) or a PNG (one panel) with that user's permissions, and sent
-- by e-mail to members of the tenant or to the tenant's signed webhook.
create table report_schedules (
  id text primary key check (id ~ '^[A-Za-z0-9_-]{16}$'),
  tenant_id text not null references tenants(id) on delete cascade,
  -- The e-mail of the user whose permissions render it (as saved views name their owner).
  owner text not null,
  name text not null check (length(name) between 1 and 100),
  dashboard text not null,
  panel text,
  format text not null check (format in ('pdf', 'png')),
  view jsonb not null,
  every text not null check (every in ('day', 'week')),
  -- ISO day of week (1 Monday … 7 Sunday) of a weekly report; null for a daily one.
  weekday smallint check (weekday between 1 and 7),
  -- Local time of day, in minutes after midnight, in `tz`.
  at_minute smallint not null check (at_minute between 0 and 1439),
  tz text not null,
  channel text not null check (channel in ('email', 'webhook')),
  recipients text[] not null default '{}',
  paused boolean not null default false,
  -- The next time it is due (epoch ms). A scheduler that finds it past (the app was down) opens
  -- one run for it and moves it to the next time after now: a missed report is sent once.
  next_run_at bigint not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index report_schedules_by_owner on report_schedules (tenant_id, owner, created_at);
create index report_schedules_due on report_schedules (next_run_at) where not paused;

-- One sending of a report: due at a time (or asked for now), rendered and delivered, retried
-- with backoff and failed after the last attempt. Claimed like the webhook outbox, so instances
-- sharing the database do not send it twice at once.
create table report_runs (
  id text primary key,
  schedule_id text not null references report_schedules(id) on delete cascade,
  tenant_id text not null,
  due_at bigint not null,
  manual boolean not null default false,
  state text not null check (state in ('pending', 'delivered', 'failed')),
  attempts int not null default 0,
  next_attempt_at bigint not null,
  last_attempt_at bigint,
  last_reason text,
  claimed_by text,
  claimed_until bigint,
  created_at bigint not null
);
-- A scheduled time opens one run however many instances see it due.
create unique index report_runs_once_per_due on report_runs (schedule_id, due_at) where not manual;
create index report_runs_pending on report_runs (next_attempt_at) where state = 'pending';
create index report_runs_by_schedule on report_runs (schedule_id, created_at desc);
