import 'server-only';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { TENANT_COLUMN, type DatasourceId } from '@/lib/dashboards/datasources';
import { toCell, type Row } from '@/lib/sql/cells';
import { quoteIdent, type CompiledQuery } from '@/lib/sql/query';
import { EngineError, type Engine, type QueryOptions } from './engine';

/**
 * DuckDB in process: zero setup, columnar, fast enough for tens of millions of rows.
 * Each query gets its own connection so a timeout or a client abort can interrupt exactly it.
 */
export class EmbeddedEngine implements Engine {
  readonly name = 'embedded' as const;
  readonly dialect = 'duckdb' as const;
  /** Off until the tiers are built and every writer folds into them (lib/ingest/tiers.ts). */
  tiered = false;
  /** Writers (ingest) report what they appended per tenant, so freshness costs no query. */
  private readonly until = new Map<DatasourceId, Map<string, number>>();
  /** Datasources whose stored data (a file kept across restarts) has been read into `until`. */
  private readonly loaded = new Map<DatasourceId, Promise<void>>();

  private constructor(private readonly instance: DuckDBInstance) {}

  static async create(options: { path?: string; threads?: number; memoryLimit?: string } = {}): Promise<EmbeddedEngine> {
    const instance = await DuckDBInstance.create(options.path ?? ':memory:', {
      threads: String(options.threads ?? 2),
      memory_limit: options.memoryLimit ?? '4GB',
    });
    // Bucketing takes its zone explicitly; this only fixes how bare timestamps print.
    const conn = await instance.connect();
    await conn.run(`SET GLOBAL TimeZone = 'UTC'`);
    conn.closeSync();
    return new EmbeddedEngine(instance);
  }

  /**
   * Threads DuckDB may use per query. Loading wants several; dashboards send many small queries
   * at once, which run best one thread each, side by side on libuv's pool.
   */
  async setThreads(threads: number): Promise<void> {
    const conn = await this.instance.connect();
    await conn.run(`SET GLOBAL threads = ${Math.trunc(threads)}`);
    conn.closeSync();
  }

  /** The tiers are built and every append folds into them from now on. */
  enableTiers(): void {
    this.tiered = true;
  }

  /** A connection for the ingest side (seeding, appending). */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /** A writer's word that `tenant`'s data in `datasource` is complete up to `untilMs` (exclusive). */
  noteAppended(datasource: DatasourceId, tenant: string, untilMs: number): void {
    let tenants = this.until.get(datasource);
    if (!tenants) this.until.set(datasource, (tenants = new Map()));
    tenants.set(tenant, Math.max(untilMs, tenants.get(tenant) ?? 0));
  }

  async dataUntilByTenant(datasource: DatasourceId, window: { start: number; end: number }): Promise<ReadonlyMap<string, number>> {
    let loaded = this.loaded.get(datasource);
    if (!loaded) {
      loaded = this.loadStored(datasource);
      this.loaded.set(datasource, loaded);
      loaded.catch(() => this.loaded.delete(datasource));
    }
    await loaded;
    const inWindow = new Map<string, number>();
    // Ingest holds back events stamped too far ahead, so a noted end past the window only means
    // the clock stepped back: it is clamped, never trusted.
    for (const [tenant, until] of this.until.get(datasource) ?? []) if (until > window.start) inWindow.set(tenant, Math.min(until, window.end));
    return inWindow;
  }

  /** Once per datasource: what the table already held before this process noted anything. */
  private async loadStored(datasource: DatasourceId): Promise<void> {
    const rows = await this.query(
      { sql: `SELECT ${quoteIdent(TENANT_COLUMN)}, epoch_ms(max(ts)) + 1 FROM ${quoteIdent(datasource)} GROUP BY 1`, params: [] },
      { timeoutMs: 30_000, queryId: `until-${datasource}`, tz: 'UTC' },
    );
    for (const [tenant, until] of rows) this.noteAppended(datasource, String(tenant), Number(until));
  }

  async query(q: CompiledQuery, opts: QueryOptions): Promise<Row[]> {
    if (opts.signal?.aborted) throw new EngineError('cancelled', 'aborted before start');
    const conn = await this.instance.connect();
    let stoppedBy: 'timeout' | 'cancelled' | null = null;
    const stop = (why: 'timeout' | 'cancelled') => {
      stoppedBy ??= why;
      conn.interrupt();
    };
    const timer = setTimeout(() => stop('timeout'), opts.timeoutMs);
    const onAbort = () => stop('cancelled');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const reader = await conn.runAndReadAll(q.sql, q.params.map((p) => p.value));
      return reader.getRowsJS().map((row) => row.map(toCell));
    } catch (err) {
      if (stoppedBy) throw new EngineError(stoppedBy, `${opts.queryId} interrupted`);
      throw new EngineError('bad_query', `${opts.queryId}: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      conn.closeSync();
    }
  }

  async close(): Promise<void> {
    this.instance.closeSync();
  }
}
