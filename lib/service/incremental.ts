import 'server-only';
import type { BucketStore } from '@/lib/cache/bucket-store';
import { mergeBuckets } from '@/lib/cache/bucket-store';
import type { Engine, QueryOptions } from '@/lib/engines/engine';
import type { QuerySpec } from '@/lib/query/spec';
import type { Row } from '@/lib/sql/cells';
import { floorToGrain } from '@/lib/view/zoned';
import { runSpec } from './run-spec';

/**
 * Late events (Kafka lag, ingestion batches) may still land in buckets this close to the
 * newest data, so those are always re-queried.
 */
export const LATENESS_MS = 2 * 60_000;

/**
 * Runs a bucketed spec, asking the engine only for buckets that are not stored as closed.
 * `key` identifies the series regardless of its interval (tenant, panel, filters, grain, tz).
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
  const closedBefore = Math.min(end, floorToGrain(dataUntil - LATENESS_MS, spec.bucket, spec.tz));
  const stored = store.reusable(key, start);
  const from = stored ? Math.min(stored.closedBefore, end) : start;
  const fresh = from < end ? await runSpec(engine, { ...spec, interval: { start: from, end } }, opts) : [];
  const rows = stored ? mergeBuckets(stored.rows.filter((r) => (r[0] as number) < from), fresh) : fresh;
  store.remember(key, start, closedBefore, rows);
  return rows.filter((r) => (r[0] as number) < end);
}
