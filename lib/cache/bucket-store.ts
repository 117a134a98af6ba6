import { LRUCache } from 'lru-cache';
import type { Row } from '@/lib/sql/cells';

/**
 * A run of whole, closed buckets of one series: the rows whose bucket (time in column 0) lies
 * in [start, closedBefore), both bucket boundaries, each bucket queried in full.
 */
export type StoredSeries = { start: number; closedBefore: number; rows: Row[] };

/** Why a series is not stored: too many (bucket, group) rows, or too many listed values (distinct counts', quantiles'). */
type Oversized = 'too_many_groups' | 'too_many_values';

/** A row's approximate size in memory: numbers in 16 bytes, strings by their length, twice for value lists' text and its parsed values (lib/service/partials.ts). */
function rowBytes(row: Row): number {
  let bytes = 16;
  for (const cell of row) bytes += typeof cell === 'string' ? 16 + 4 * cell.length : 16;
  return bytes;
}

/**
 * Byte-bounded store of time-series buckets that can no longer change. A refresh asks the
 * engine only for what lies past `closedBefore` (the open bucket and late arrivals) and takes
 * the rest from here. Only whole buckets go in: a bucket cut by a range's edge holds part of
 * its data, which would be wrong for any other range.
 */
export class BucketStore {
  private readonly lru: LRUCache<string, StoredSeries>;
  /** Keys whose closed part was too big to keep, and why: asked in full for a while, not grouped again each refresh. */
  private readonly oversized = new LRUCache<string, Oversized>({ max: 10_000, ttl: 600_000 });

  constructor(maxBytes: number) {
    // The TTL bounds how long data arriving later than LATENESS_MS can stay unseen.
    this.lru = new LRUCache({ maxSize: maxBytes, ttl: 3_600_000, sizeCalculation: (s, k) => k.length + 32 + s.rows.reduce((n, r) => n + rowBytes(r), 0) });
  }

  /** The stored whole buckets from `start` (a bucket boundary) on, if the stored run covers it. */
  reusable(key: string, start: number): StoredSeries | null {
    const s = this.lru.get(key);
    if (!s || s.start > start || s.closedBefore <= start) return null;
    return { start, closedBefore: s.closedBefore, rows: s.rows.filter((r) => (r[0] as number) >= start) };
  }

  clear(): void {
    this.lru.clear();
    this.oversized.clear();
  }

  /** Drops what is stored under `key` and notes that it is too big to store, and why (for ten minutes). */
  refuse(key: string, why: Oversized): void {
    this.lru.delete(key);
    this.oversized.set(key, why);
  }

  refused(key: string): Oversized | null {
    return this.oversized.get(key) ?? null;
  }

  /**
   * Keeps the buckets of `rows` in [start, closedBefore): the caller vouches that both are bucket
   * boundaries and that every bucket in between was queried whole.
   */
  remember(key: string, start: number, closedBefore: number, rows: Row[]): void {
    if (closedBefore <= start) return;
    this.lru.set(key, { start, closedBefore, rows: rows.filter((r) => (r[0] as number) >= start && (r[0] as number) < closedBefore) });
  }
}

/** Splices stored closed buckets and freshly queried ones, ordered by time then by the rest. */
export function mergeBuckets(stored: Row[], fresh: Row[]): Row[] {
  return [...stored, ...fresh].sort((a, b) => (a[0] as number) - (b[0] as number));
}
