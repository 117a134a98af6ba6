-- Issue 19.5: alert destinations beside the tenant's webhook (e-mail, Slack, PagerDuty), each
-- receiving the severities it lists. `target` holds what the kind needs: {recipients} for
-- e-mail, {url} for Slack, {routingKey} for PagerDuty (the last two are secrets, never returned
-- whole), as JSON sealed with the app's SecretBox (lib/auth/secret-box.ts): never in clear here.
create table alert_destinations (
  id text primary key check (id ~ '^[A-Za-z0-9_-]{16}$'),
  tenant_id text not null references tenants(id) on delete cascade,
  kind text not null check (kind in ('email', 'slack', 'pagerduty')),
  name text not null check (length(name) between 1 and 80),
  severities text[] not null,
  tz text not null default 'UTC',
  target text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index alert_destinations_by_tenant on alert_destinations (tenant_id, created_at);

-- The outbox carries every destination's deliveries; null is the tenant's signed webhook.
-- incident_id: a destination's deliveries about one incident are claimed in order (a resolve
-- waits for its trigger), looked up by the pending index below.
alter table webhook_deliveries add column destination_id text;
alter table webhook_deliveries add column incident_id text;
create index webhook_deliveries_pending_by_incident on webhook_deliveries (destination_id, incident_id, seq) where state = 'pending' and incident_id is not null;
create index webhook_deliveries_by_destination on webhook_deliveries (destination_id, seq) where destination_id is not null;

-- Incidents announced to destinations, so that their resolution (by a person, or automatic once
-- the rule stays quiet) is announced once too, with the same incident id (PagerDuty's dedup_key).
-- Times in epoch ms. No foreign key: alerts read from Kafka may name a tenant before it exists here.
create table alert_incident_notices (
  tenant_id text not null,
  incident_id text not null,
  rule text not null,
  message text not null,
  severity text not null,
  window_start bigint not null,
  window_end bigint not null,
  window_ms bigint not null,
  resolved_at bigint,
  primary key (tenant_id, incident_id)
);
create index alert_incident_notices_open on alert_incident_notices (tenant_id, rule, message) where resolved_at is null;
