-- Issue 18: the alert inbox. An alert (an incident of the `alerts` datasource, named by the id
-- lib/alerts/incidents.ts derives from its first window) is open until someone acknowledges or
-- resolves it; no row means open. One row per alert: its latest state, who set it and when.
create table alert_states (
  tenant_id text not null references tenants(id) on delete cascade,
  alert_id text not null check (alert_id ~ '^[A-Za-z0-9_-]{22}$'),
  state text not null check (state in ('acknowledged', 'resolved')),
  note text check (length(note) <= 500),
  by_user text not null,
  at timestamptz not null default now(),
  primary key (tenant_id, alert_id)
);
