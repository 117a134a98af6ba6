-- Issue 18: annotations on time series. A moment or a range of a datasource, with a text and
-- optionally one dimension value; drawn on every time-series panel over that datasource.
-- Ids are random UUIDs: guessing finds nothing.
create table annotations (
  id uuid primary key,
  tenant_id text not null references tenants(id) on delete cascade,
  -- Null once the author's account is gone: the note stays with the tenant.
  author_id bigint references users(id) on delete set null,
  datasource text not null,
  start_ms bigint not null,
  -- Null for a moment; otherwise a range [start_ms, end_ms).
  end_ms bigint check (end_ms > start_ms),
  text text not null check (length(text) between 1 and 500),
  dimension text,
  value text check (length(value) <= 200),
  created_at timestamptz not null default now(),
  check ((dimension is null) = (value is null))
);
-- What GET /api/annotations asks: a tenant's datasource over an interval.
create index annotations_by_time on annotations (tenant_id, datasource, start_ms);
