import 'server-only';
import type { BucketStore } from '@/lib/cache/bucket-store';
import { mergeBuckets } from '@/lib/cache/bucket-store';
import type { Engine, QueryOptions } from '@/lib/engines/engine';
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

/**
 * Runs a bucketed spec, asking the engine only for buckets that are not stored as closed.
 * `key` identifies the series regardless of its interval (tenant, panel, filters, grain, tz).
 *
 * Only whole buckets are stored and reused. A range that starts inside a bucket (an absolute
 * or brushed range off the grain) is queried in full and stores nothing; a range that ends
 * inside a bucket always queries that last, partial bucket afresh.
 */
export async function runBucketed(
  engine: Engine,
  spec: QuerySpec & { bucket: NonNullable<QuerySpec['bucket']> },
  store: BucketStore,
  key: string,
  dataUntil: number,
  opts: QueryOptions,
): Promise<Row[]> {
  const { start, end } = spec.interval;
  if (floorToGrain(start, spec.bucket, spec.tz) !== start) return runSpec(engine, spec, opts);
  // The last bucket boundary inside the range: everything before it is whole buckets.
  const lastWhole = floorToGrain(end, spec.bucket, spec.tz);
  const closedBefore = Math.min(lastWhole, floorToGrain(dataUntil - LATENESS_MS, spec.bucket, spec.tz));
  const stored = store.reusable(key, start);
  const from = stored ? Math.min(stored.closedBefore, lastWhole) : start;
  const fresh = from < end ? await runSpec(engine, { ...spec, interval: { start: from, end } }, opts) : [];
  const rows = stored ? mergeBuckets(stored.rows.filter((r) => (r[0] as number) < from), fresh) : fresh;
  // A result cut by the row limit lacks its last buckets' rows: nothing of it may be stored.
  const limit = Math.min(spec.limit, MAX_ROWS);
  if (fresh.length < limit) store.remember(key, start, closedBefore, rows);
  return rows.slice(0, limit);
}
