/** The service under test for oracle runs: real caches and admission on the world's clock. */
import { BucketStore } from '@/lib/cache/bucket-store';
import { ResponseCache } from '@/lib/cache/response-cache';
import type { SharedStore } from '@/lib/cache/shared-store';
import { Admission } from '@/lib/service/admission';
import type { CachedAnswer } from '@/lib/service/service';
import { Freshness } from '@/lib/service/freshness';
import type { OracleWorld, ServiceFactory } from './oracle';

/** `instances` app instances per sequence; with `shared`, they share one store made per sequence. */
export function oracleService(
  world: OracleWorld,
  freshness: { reuseMs: number; lookbackMs: number; maxFutureMs: number },
  opts: { instances?: number; shared?: () => Pick<SharedStore<CachedAnswer>, 'load'> } = {},
): ServiceFactory {
  const now = () => world.clock.now;
  return () => {
    const shared = opts.shared?.();
    return Array.from({ length: opts.instances ?? 1 }, () => instance(world, freshness, now, shared));
  };
}

function instance(
  world: OracleWorld,
  freshness: { reuseMs: number; lookbackMs: number; maxFutureMs: number },
  now: () => number,
  shared: Pick<SharedStore<CachedAnswer>, 'load'> | undefined,
) {
  const cache = new ResponseCache<CachedAnswer>({ maxBytes: 64 << 20, swrMs: 30_000, now, shared }, (a) => a.bytes);
  return {
    engine: world.engine,
    cache,
    buckets: new BucketStore(16 << 20),
    admission: new Admission({ maxRunning: 8, maxRunningPerTenant: 8, maxQueued: 1_000, maxQueuedPerTenant: 1_000 }),
    freshness: new Freshness(world.engine, { ...freshness, now }),
    queryTimeoutMs: 60_000,
    // Background refreshes (stale-while-revalidate) finish before the next step.
    async settled() {
      while (cache.stats().inflight > 0) await new Promise((r) => setTimeout(r, 1));
    },
  };
}
