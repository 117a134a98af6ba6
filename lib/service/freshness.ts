import 'server-only';
import type { DatasourceId } from '@/lib/dashboards/datasources';
import type { Engine } from '@/lib/engines/engine';
import { metrics } from '@/lib/metrics/registry';

export type FreshnessOptions = {
  /** How long one engine answer (all tenants of a datasource) is reused. */
  reuseMs: number;
  /** A tenant silent for longer than this is anchored to the current time. */
  lookbackMs: number;
  /** Data stamped further ahead of the clock than this never moves a tenant's "now". */
  maxFutureMs: number;
  now: () => number;
};

/** One engine answer serves a second; a tenant silent for a week is anchored to the clock. */
export const FRESHNESS_DEFAULTS = { reuseMs: 1_000, lookbackMs: 7 * 86_400_000 } as const;

type Snapshot = { at: number; tenants: Promise<ReadonlyMap<string, number>> };

/**
 * Where each tenant's data ends, per datasource: the anchor of that tenant's relative ranges.
 * One grouped engine question per datasource and `reuseMs` serves every tenant; when the engine
 * fails, the last answer keeps serving so views already seen can still be answered stale.
 */
export class Freshness {
  private readonly snapshots = new Map<DatasourceId, Snapshot>();
  private readonly lastKnown = new Map<DatasourceId, ReadonlyMap<string, number>>();

  constructor(
    private readonly engine: Pick<Engine, 'dataUntilByTenant'>,
    private readonly opts: FreshnessOptions,
  ) {}

  /** Exclusive end of the tenant's complete data, or the current time when it has none recently. */
  async until(datasource: DatasourceId, tenant: string): Promise<number> {
    const now = this.opts.now();
    const tenants = await this.snapshot(datasource, now);
    return tenants.get(tenant) ?? now;
  }

  /** The freshest tenant's end of data (null: no tenant has recent data), for health and metrics. */
  async latest(datasource: DatasourceId): Promise<number | null> {
    const tenants = await this.snapshot(datasource, this.opts.now());
    return tenants.size ? Math.max(...tenants.values()) : null;
  }

  private snapshot(datasource: DatasourceId, now: number): Promise<ReadonlyMap<string, number>> {
    const held = this.snapshots.get(datasource);
    if (held && now - held.at < this.opts.reuseMs && now >= held.at) return held.tenants;
    const window = { start: now - this.opts.lookbackMs, end: now + this.opts.maxFutureMs };
    const tenants = this.engine.dataUntilByTenant(datasource, window).then(
      (got) => {
        this.lastKnown.set(datasource, got);
        if (got.size) metrics().dataLagSeconds.set({ datasource }, Math.max(0, (now - Math.max(...got.values())) / 1000));
        return got;
      },
      (err: unknown) => {
        if (this.snapshots.get(datasource)?.tenants === tenants) this.snapshots.delete(datasource);
        const last = this.lastKnown.get(datasource);
        if (last) return last;
        throw err;
      },
    );
    this.snapshots.set(datasource, { at: now, tenants });
    return tenants;
  }
}
