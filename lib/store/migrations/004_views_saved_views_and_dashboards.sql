-- Issue 18: saved views and tenants' own dashboards.

-- A named view state of a dashboard (the same view JSON the URL codec and the API validate).
-- Private to its owner, or shared with the owner's tenant. Ids are random: guessing finds nothing.
create table saved_views (
  id text primary key check (id ~ '^[a-z0-9]{12,32}$'),
  tenant_id text not null references tenants(id) on delete cascade,
  owner text not null,
  dashboard text not null,
  name text not null check (length(name) between 1 and 100),
  view jsonb not null,
  shared boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index saved_views_by_dashboard on saved_views (tenant_id, dashboard, lower(name));

-- A user's default view of a dashboard: one of the saved views they can see.
create table saved_view_defaults (
  tenant_id text not null references tenants(id) on delete cascade,
  owner text not null,
  dashboard text not null,
  view_id text not null references saved_views(id) on delete cascade,
  primary key (tenant_id, owner, dashboard)
);

-- Dashboards a tenant's editors built: the dashboard document of config/dashboards, validated by
-- the same schema. `revision` counts edits; answers are cached under a digest of the definition.
create table tenant_dashboards (
  tenant_id text not null references tenants(id) on delete cascade,
  id text not null check (id ~ '^[a-z][a-z0-9-]{0,63}$'),
  definition jsonb not null,
  revision integer not null default 1,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
