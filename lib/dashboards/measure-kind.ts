import { z } from 'zod';
import type { Aggregate } from './measure';

/**
 * What a measure's numbers are, for drawing and comparing them (never how they are computed):
 * - `counter`: a count or a sum of events. Additive over time and over dimension values, so an
 *   empty bucket is 0, and over time it reads as a rate per second (independent of the grain).
 * - `distinct`: a distinct count. An empty bucket is 0 things, but buckets do not add up, so
 *   it is drawn per bucket, never as a rate.
 * - `gauge`: avg, min, max, quantile. A bucket without samples has no value (a gap, not 0).
 * - `ratio`: one measure over another; no value without a denominator (a gap).
 */
export const MEASURE_KINDS = ['counter', 'distinct', 'gauge', 'ratio'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export const MeasureKindSchema = z.enum(MEASURE_KINDS);

export function measureKind(aggregate: Aggregate): MeasureKind {
  switch (aggregate.type) {
    case 'count':
    case 'sum':
      return 'counter';
    case 'distinct':
      return 'distinct';
    case 'ratio':
      return 'ratio';
    default:
      return 'gauge';
  }
}

/** Whether a bucket with no rows holds 0 (counters, distinct counts) rather than no value. */
export function zeroWhenEmpty(kind: MeasureKind): boolean {
  return kind === 'counter' || kind === 'distinct';
}
