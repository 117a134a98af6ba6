-- Tenants, the people in them, and what their admins configure.
-- The same SQL runs on PostgreSQL 15 and on PGlite; ids from the app are text, ours are identities.

create table tenants (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  name text not null check (length(name) between 1 and 200),
  created_at timestamptz not null default now()
);

create table users (
  id bigint generated always as identity primary key,
  email text not null unique check (email = lower(email) and length(email) between 3 and 254),
  -- null: no password sign-in (an OpenID Connect user, or an invitation not yet accepted)
  password_hash text,
  -- seeded demo account, removed when demo accounts are turned off
  demo boolean not null default false,
  created_at timestamptz not null default now()
);

create table memberships (
  tenant_id text not null references tenants(id) on delete cascade,
  user_id bigint not null references users(id) on delete cascade,
  role text not null check (role in ('viewer', 'editor', 'admin')),
  created_at timestamptz not null default now(),
  primary key (tenant_id, user_id)
);
create index memberships_by_user on memberships (user_id);

-- The token is shown once (in the invitation link); only its SHA-256 is kept.
create table invitations (
  token_hash text primary key,
  tenant_id text not null references tenants(id) on delete cascade,
  email text not null check (email = lower(email)),
  role text not null check (role in ('viewer', 'editor', 'admin')),
  invited_by text not null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  created_at timestamptz not null default now()
);
create index invitations_by_tenant on invitations (tenant_id, created_at);

-- The record of every session; the signed cookie and the revocation set in lib/auth are the fast path.
create table sessions (
  id text primary key,
  user_id bigint not null references users(id) on delete cascade,
  tenant_id text not null references tenants(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_live_by_user on sessions (tenant_id, user_id) where revoked_at is null;
create index sessions_by_revocation on sessions (revoked_at) where revoked_at is not null;

-- Signed embedding: the HS256 secret (shown once to the admin) or the vendor's JWKS, and the
-- origins that may frame the embedded dashboards.
create table tenant_embed (
  tenant_id text primary key references tenants(id) on delete cascade,
  secret text,
  jwks_url text,
  allowed_origins text[] not null default '{}',
  updated_at timestamptz not null default now()
);

create table webhooks (
  tenant_id text primary key references tenants(id) on delete cascade,
  url text not null,
  secret text not null,
  created_at timestamptz not null default now()
);

-- The alert outbox. Times in epoch milliseconds, as the outbox computes them. No foreign key:
-- alerts read from Kafka may name a tenant before it is created here.
create table webhook_deliveries (
  id text primary key,
  tenant_id text not null,
  body text not null,
  created_at bigint not null,
  state text not null check (state in ('pending', 'delivered', 'dead')),
  attempts integer not null default 0,
  next_attempt_at bigint not null,
  last_attempt_at bigint,
  last_status integer,
  last_reason text,
  seq bigint generated always as identity
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where state = 'pending';
create index webhook_deliveries_by_tenant on webhook_deliveries (tenant_id, seq);

-- Per-tenant overrides of the alert rules' parameters (config/alert-rules.json holds the defaults).
create table alert_thresholds (
  tenant_id text not null references tenants(id) on delete cascade,
  rule text not null,
  params jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, rule)
);

-- Sign-ins and admin changes. tenant_id is null for operator actions (CLI) that precede a tenant.
create table audit_log (
  id bigint generated always as identity primary key,
  tenant_id text,
  actor text not null,
  action text not null,
  target text,
  detail jsonb not null default '{}',
  at timestamptz not null default now()
);
create index audit_log_by_tenant on audit_log (tenant_id, id);

-- Saved views and tenants' own dashboards come in a later migration (issue 18).
