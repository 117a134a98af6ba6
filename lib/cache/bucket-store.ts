import { LRUCache } from 'lru-cache';
import type { Row } from '@/lib/sql/cells';

/** Closed buckets of one series: rows whose time (column 0) lies in [start, closedBefore). */
export type StoredSeries = { start: number; closedBefore: number; rows: Row[] };

/**
 * Byte-bounded store of time-series buckets that can no longer change. A refresh asks the
 * engine only for what lies past `closedBefore` (the open bucket and late arrivals) and takes
 * the rest from here.
 */
export class BucketStore {
  private readonly lru: LRUCache<string, StoredSeries>;

  constructor(maxBytes: number) {
    // The TTL bounds how long data arriving later than LATENESS_MS can stay unseen.
    this.lru = new LRUCache({ maxSize: maxBytes, ttl: 3_600_000, sizeCalculation: (s, k) => k.length + 32 + s.rows.length * 48 });
  }

  /** The stored rows inside [start, …) if they cover `start`, and where they stop. */
  reusable(key: string, start: number): { rows: Row[]; closedBefore: number } | null {
    const s = this.lru.get(key);
    if (!s || s.start > start || s.closedBefore <= start) return null;
    return { rows: s.rows.filter((r) => (r[0] as number) >= start), closedBefore: s.closedBefore };
  }

  clear(): void {
    this.lru.clear();
  }

  /** Keeps the buckets of `rows` before `closedBefore`; everything at or after it may still change. */
  remember(key: string, start: number, closedBefore: number, rows: Row[]): void {
    if (closedBefore <= start) return;
    this.lru.set(key, { start, closedBefore, rows: rows.filter((r) => (r[0] as number) < closedBefore) });
  }
}

/** Splices stored closed buckets and freshly queried ones, ordered by time then by the rest. */
export function mergeBuckets(stored: Row[], fresh: Row[]): Row[] {
  return [...stored, ...fresh].sort((a, b) => (a[0] as number) - (b[0] as number));
}
