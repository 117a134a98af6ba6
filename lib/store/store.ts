import 'server-only';
import { alertStatesRepo } from './alert-states';
import { annotationsRepo } from './annotations';
import { auditRepo } from './audit';
import { invitationsRepo } from './invitations';
import { membershipsRepo } from './memberships';
import { migrate, readMigrations } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import { reportSchedulesRepo } from './report-schedules';
import { savedViewsRepo } from './saved-views';
import { sessionsRepo } from './sessions';
import type { Db, Queryable } from './sql';
import { tenantDashboardsRepo } from './tenant-dashboards';
import { tenantsRepo } from './tenants';
import { thresholdsRepo } from './thresholds';
import { usersRepo } from './users';

/** Every repository over one connection (the database, or one transaction of it). */
export function repositories(q: Queryable) {
  return {
    tenants: tenantsRepo(q),
    users: usersRepo(q),
    memberships: membershipsRepo(q),
    invitations: invitationsRepo(q),
    sessions: sessionsRepo(q),
    thresholds: thresholdsRepo(q),
    audit: auditRepo(q),
    savedViews: savedViewsRepo(q),
    tenantDashboards: tenantDashboardsRepo(q),
    alertStates: alertStatesRepo(q),
    annotations: annotationsRepo(q),
    reports: reportSchedulesRepo(q),
  };
}

export type Repositories = ReturnType<typeof repositories>;

export type Store = Repositories & {
  db: Db;
  /** Runs `fn` with the repositories of one transaction. */
  transaction<T>(fn: (repos: Repositories & { tx: Queryable }) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** What opening took, for the start-up log. */
  opened: { kind: Db['kind']; applied: number[]; openMs: number; migrateMs: number };
};

export type StoreOptions = {
  /** postgres://… : a PostgreSQL database shared by instances; unset: PGlite in `pgliteDir`. */
  databaseUrl?: string;
  pgliteDir: string;
  onError?: (err: Error) => void;
};

/** Opens the app-state database and brings its schema up to date. */
export async function openStore(opts: StoreOptions): Promise<Store> {
  const t0 = performance.now();
  const db = opts.databaseUrl ? await openPostgres(opts.databaseUrl, { onError: opts.onError }) : await openPglite(opts.pgliteDir);
  const t1 = performance.now();
  let applied: number[];
  try {
    applied = await migrate(db, await readMigrations());
  } catch (err) {
    await db.close();
    throw err;
  }
  const t2 = performance.now();
  return {
    db,
    ...repositories(db),
    transaction: (fn) => db.transaction((tx) => fn({ ...repositories(tx), tx })),
    close: () => db.close(),
    opened: { kind: db.kind, applied, openMs: Math.round(t1 - t0), migrateMs: Math.round(t2 - t1) },
  };
}
