import 'server-only';
import { randomUUID } from 'node:crypto';
import { TENANT_COLUMN, type DatasourceId } from '@/lib/dashboards/datasources';
import { metrics } from '@/lib/metrics/registry';
import { toCell, type Row } from '@/lib/sql/cells';
import { quoteIdent, type CompiledQuery } from '@/lib/sql/query';
import { EngineError, type Engine, type EngineFailure, type QueryOptions } from './engine';

/**
 * Off-heap room each APPROX_QUANTILE_DS group reserves, in values it can take before it moves
 * to the heap (Druid's maxStreamLength). Druid's default (1e9) reserves ~25 KB per group, so a
 * 5-minute p95 series split ten ways over a day (3,000+ groups) overflowed the merge buffer and
 * Druid refused it ("Resource limit exceeded"); at 1e4 a group reserves ~8 KB (DataSketches'
 * size table for k = 128), and a group that sees more values still answers, from the heap.
 */
const QUANTILE_SKETCH_STREAM_LENGTH = 10_000;

/**
 * Apache Druid over its SQL HTTP API. Values travel as dynamic parameters; the zone goes in
 * `sqlTimeZone`; every query carries its own id, so a client that goes away (or a timeout)
 * cancels it on the broker with DELETE /druid/v2/sql/{id} instead of letting it run on.
 */
export class DruidEngine implements Engine {
  readonly name = 'druid' as const;
  readonly dialect = 'druid' as const;
  /** Whether the rollup tiers' datasources exist (their supervisors run: scripts/druid-specs.ts with PULSE_TIERS=on). */
  readonly tiered: boolean;

  constructor(
    private readonly baseUrl: string,
    private readonly opts: { lane?: string; fetch?: typeof fetch; tiered?: boolean } = {},
  ) {
    this.tiered = opts.tiered ?? false;
  }

  async query(q: CompiledQuery, opts: QueryOptions): Promise<Row[]> {
    if (opts.signal?.aborted) throw new EngineError('cancelled', 'aborted before start');
    const controller = new AbortController();
    let stoppedBy: 'timeout' | 'cancelled' | null = null;
    const stop = (why: 'timeout' | 'cancelled') => {
      if (stoppedBy) return;
      stoppedBy = why;
      controller.abort();
      void this.cancel(opts.queryId);
    };
    // Druid enforces `timeout` itself; the local timer is the backstop for a broker that hangs.
    const timer = setTimeout(() => stop('timeout'), opts.timeoutMs + 2_000);
    const onAbort = () => stop('cancelled');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const res = await this.fetch(`${this.baseUrl}/druid/v2/sql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        signal: controller.signal,
        body: JSON.stringify({
          query: q.sql,
          parameters: q.params,
          resultFormat: 'array',
          header: false,
          context: {
            sqlQueryId: opts.queryId,
            sqlTimeZone: opts.tz,
            timeout: opts.timeoutMs,
            priority: opts.priority ?? 0,
            approxQuantileDsMaxStreamLength: QUANTILE_SKETCH_STREAM_LENGTH,
            ...(this.opts.lane ? { lane: this.opts.lane } : {}),
          },
        }),
      });
      const text = await res.text();
      if (!res.ok) throw new EngineError(classify(res.status, text), `${opts.queryId}: HTTP ${res.status} ${text.slice(0, 500)}`);
      return (JSON.parse(text) as unknown[][]).map((row) => row.map(toCell));
    } catch (err) {
      if (stoppedBy) throw new EngineError(stoppedBy, `${opts.queryId} stopped`);
      if (err instanceof EngineError) throw err;
      throw new EngineError('unavailable', `${opts.queryId}: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Each tenant's newest event in the window, in one grouped query. The window's end also keeps
   * out events stamped too far ahead that Druid's coarse early-message rejection let through.
   */
  async dataUntilByTenant(datasource: DatasourceId, window: { start: number; end: number }): Promise<ReadonlyMap<string, number>> {
    const rows = await this.query(
      {
        sql: `SELECT ${quoteIdent(TENANT_COLUMN)}, TIMESTAMP_TO_MILLIS(MAX("__time")) FROM ${quoteIdent(datasource)} WHERE "__time" >= MILLIS_TO_TIMESTAMP(?) AND "__time" < MILLIS_TO_TIMESTAMP(?) GROUP BY 1`,
        params: [
          { type: 'BIGINT', value: window.start },
          { type: 'BIGINT', value: window.end },
        ],
      },
      { timeoutMs: 5_000, queryId: `pulse-until-${datasource}-${randomUUID()}`, tz: 'UTC', priority: 10 },
    ).catch((err: unknown) => {
      // A datasource Druid has not seen yet is simply empty, not an outage.
      if (err instanceof EngineError && err.kind === 'bad_query' && /not found|does not exist/i.test(err.detail)) return [];
      throw err;
    });
    return new Map(rows.filter((r) => typeof r[1] === 'number').map((r) => [String(r[0]), Math.min((r[1] as number) + 1, window.end)]));
  }

  /** Best effort: Druid answers 202 when it cancelled the query, 404 when it had already finished. */
  async cancel(queryId: string): Promise<void> {
    let result = 'failed';
    try {
      const res = await this.fetch(`${this.baseUrl}/druid/v2/sql/${encodeURIComponent(queryId)}`, { method: 'DELETE', signal: AbortSignal.timeout(2_000) });
      result = res.status === 202 ? 'cancelled' : res.status === 404 ? 'not_running' : `http_${res.status}`;
    } catch {
      /* the query still ends at its own timeout */
    }
    metrics().engineCancels.inc({ engine: this.name, result });
  }

  async close(): Promise<void> {}

  private fetch(url: string, init: RequestInit): Promise<Response> {
    return (this.opts.fetch ?? fetch)(url, init);
  }
}

/** Druid's error categories (and older error names) mapped onto ours. */
export function classify(status: number, body: string): EngineFailure {
  let info: { error?: string; category?: string; errorCode?: string } = {};
  try {
    info = JSON.parse(body);
  } catch {
    /* not JSON: fall back to the status */
  }
  const tag = `${info.category ?? ''} ${info.errorCode ?? ''} ${info.error ?? ''}`.toLowerCase();
  if (status === 504 || tag.includes('timeout')) return 'timeout';
  if (tag.includes('cancel')) return 'cancelled';
  // Out of merge-buffer memory or similar: the query is sound, the cluster lacked room for it.
  if (status === 429 || tag.includes('capacity') || tag.includes('resource limit')) return 'unavailable';
  if (status === 400 || tag.includes('invalid_input')) return 'bad_query';
  return 'unavailable';
}
