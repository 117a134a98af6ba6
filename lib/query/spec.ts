import type { DatasourceId } from '@/lib/dashboards/datasources';
import type { Measure } from '@/lib/dashboards/measure';
import type { Filter } from '@/lib/view/schema';
import type { Grain } from '@/lib/view/time';

/** Half-open interval [start, end) in epoch milliseconds. */
export type Interval = { start: number; end: number };

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
  dimensions: string[];
  measures: Measure[];
  /** Values of dimensions[0] kept as they are; every other value becomes NULL ("Other"). */
  keepValues?: string[];
  orderBy: { column: string; dir: 'asc' | 'desc' }[];
  limit: number;
};
