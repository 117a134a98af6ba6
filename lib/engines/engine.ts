import type { DatasourceId } from '@/lib/dashboards/datasources';
import type { Dialect } from '@/lib/dashboards/schema';
import type { Row } from '@/lib/sql/cells';
import type { CompiledQuery } from '@/lib/sql/query';

export type QueryOptions = {
  /** Aborted when the client goes away: the engine cancels the running query. */
  signal?: AbortSignal;
  timeoutMs: number;
  /** Correlates logs, metrics and (on Druid) the cancel request. */
  queryId: string;
  /** Zone for time bucketing, where the dialect takes it out of band (Druid's sqlTimeZone). */
  tz: string;
  /** Higher runs first where the engine supports it (Druid priority and lanes). */
  priority?: number;
};

export type EngineFailure = 'timeout' | 'unavailable' | 'cancelled' | 'bad_query';

/** What went wrong, in engine-neutral terms. `detail` is for logs only, never for customers. */
export class EngineError extends Error {
  constructor(
    readonly kind: EngineFailure,
    readonly detail: string,
  ) {
    super(`engine ${kind}`);
    this.name = 'EngineError';
  }
}

const FAILURES: ReadonlySet<string> = new Set<EngineFailure>(['timeout', 'unavailable', 'cancelled', 'bad_query']);

/** Matched by name and kind, not class identity: the runtime's bundle has its own copy of the class. */
export function isEngineError(err: unknown): err is EngineError {
  return err instanceof Error && err.name === 'EngineError' && FAILURES.has((err as { kind?: string }).kind ?? '');
}

export interface Engine {
  readonly name: 'embedded' | 'druid';
  readonly dialect: Dialect;
  /** Keeps the declared rollup tiers (lib/dashboards/tiers.ts) up to date, so the planner may read them. */
  readonly tiered: boolean;
  /** Rows in SELECT order, as plain JSON values. */
  query(q: CompiledQuery, opts: QueryOptions): Promise<Row[]>;
  /**
   * Exclusive end (epoch ms) of each tenant's newest data inside `window` (at most its end):
   * every tenant's relative ranges are anchored to its own data, never to another tenant's.
   * Tenants without data in the window are absent.
   */
  dataUntilByTenant(datasource: DatasourceId, window: { start: number; end: number }): Promise<ReadonlyMap<string, number>>;
  close(): Promise<void>;
}
