import type { DatasourceId } from '@/lib/dashboards/datasources';
import type { Measure } from '@/lib/dashboards/measure';
import type { Filter } from '@/lib/view/schema';
import type { Grain } from '@/lib/view/time';

/** Half-open interval [start, end) in epoch milliseconds. */
export type Interval = { start: number; end: number };

/** Parts of the local time a query can group by (output columns of these names): ISO day of week 1-7, hour of day 0-23. */
export const TIME_PARTS = ['dow', 'hour'] as const;
export type TimePart = (typeof TIME_PARTS)[number];

/**
 * One engine query, fully resolved: every name in it has been checked against the
 * dashboard allowlist and every value is data to be bound, never SQL.
 */
export type QuerySpec = {
  datasource: DatasourceId;
  tenant: string;
  interval: Interval;
  tz: string;
  filters: Filter[];
  /** Output column "t" (epoch ms of the bucket start) when set. */
  bucket?: Grain;
  /** Output columns after "t": each row's local time in `tz` by these parts (a heatmap's cells). */
  timeParts?: TimePart[];
  dimensions: string[];
  measures: Measure[];
  /** Values of dimensions[0] kept as they are; every other value becomes NULL ("Other"). */
  keepValues?: string[];
  orderBy: { column: string; dir: 'asc' | 'desc' }[];
  limit: number;
};
