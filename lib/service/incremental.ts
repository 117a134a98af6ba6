import 'server-only';
import type { BucketStore } from '@/lib/cache/bucket-store';
import { mergeBuckets } from '@/lib/cache/bucket-store';
import type { Engine, QueryOptions } from '@/lib/engines/engine';
import { metrics } from '@/lib/metrics/registry';
import type { QuerySpec } from '@/lib/query/spec';
import type { Row } from '@/lib/sql/cells';
import { floorToGrain } from '@/lib/view/zoned';
import { MAX_ROWS } from '@/lib/sql/query';
import { runSpec } from './run-spec';

/**
 * Late events (Kafka lag, ingestion batches) may still land in buckets this close to the
 * newest data, so those are always re-queried.
 */
export const LATENESS_MS = 2 * 60_000;

export type BucketedSpec = QuerySpec & { bucket: NonNullable<QuerySpec['bucket']> };

/**
 * A bucketed spec's rows, whole closed buckets from the store and the rest from the engine.
 * `cut`: the engine's answer hit the row limit, so buckets are missing and nothing was stored;
 * `reused`: stored buckets answered part of it (a refresh, not a first query).
 * Null when the range starts inside a bucket: stored buckets cannot answer it.
 */
export async function closedAndOpen(
  engine: Engine,
  spec: BucketedSpec,
  store: BucketStore,
  key: string,
  dataUntil: number,
  opts: QueryOptions,
): Promise<{ rows: Row[]; cut: boolean; reused: boolean } | null> {
  const { start, end } = spec.interval;
  if (floorToGrain(start, spec.bucket, spec.tz) !== start) return null;
  // The last bucket boundary inside the range: everything before it is whole buckets.
  const lastWhole = floorToGrain(end, spec.bucket, spec.tz);
  const closedBefore = Math.min(lastWhole, floorToGrain(dataUntil - LATENESS_MS, spec.bucket, spec.tz));
  const stored = store.reusable(key, start);
  const from = stored ? Math.min(stored.closedBefore, lastWhole) : start;
  const fresh = from < end ? await runSpec(engine, { ...spec, interval: { start: from, end } }, opts) : [];
  const rows = stored ? mergeBuckets(stored.rows.filter((r) => (r[0] as number) < from), fresh) : fresh;
  // A result cut by the row limit lacks its last buckets' rows: nothing of it may be stored.
  const cut = fresh.length >= Math.min(spec.limit, MAX_ROWS);
  if (!cut) store.remember(key, start, closedBefore, rows);
  return { rows, cut, reused: stored !== null };
}

/**
 * Runs a bucketed spec, asking the engine only for buckets that are not stored as closed.
 * `key` identifies the series regardless of its interval (tenant, panel, filters, grain, tz).
 *
 * Only whole buckets are stored and reused. A range that starts inside a bucket (an absolute
 * or brushed range off the grain) is queried in full and stores nothing; a range that ends
 * inside a bucket always queries that last, partial bucket afresh.
 */
export async function runBucketed(engine: Engine, spec: BucketedSpec, store: BucketStore, key: string, dataUntil: number, opts: QueryOptions): Promise<Row[]> {
  const got = await closedAndOpen(engine, spec, store, key, dataUntil, opts);
  if (!got) return runSpec(engine, spec, opts);
  if (got.reused) metrics().incrementalRefreshes.inc({ shape: 'series' });
  return got.rows.slice(0, Math.min(spec.limit, MAX_ROWS));
}
