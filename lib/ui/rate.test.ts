import { describe, expect, it } from 'vitest';
import { MEASURE_KINDS } from '@/lib/dashboards/measure-kind';
import { coveredSeconds, drawsAsRate, formatRate, toRates } from './rate';
import type { Series } from './series';

const T0 = Date.parse('2026-11-25T12:00:00Z');
const MIN = 60_000;

describe('rates per second', () => {
  it('are drawn for counters only, unless the measure asks for totals per bucket', () => {
    expect(MEASURE_KINDS.filter((kind) => drawsAsRate({ kind }))).toEqual(['counter']);
    expect(drawsAsRate({ kind: 'counter', per: 'second' })).toBe(true);
    expect(drawsAsRate({ kind: 'counter', per: 'bucket' })).toBe(false);
  });

  it('do not change with the grain: the same events per minute or per five minutes are the same rate', () => {
    const coverage = { interval: { start: T0, end: T0 + 10 * MIN }, tz: 'UTC', dataUntil: null };
    const perMinute: Series = { key: 'x', total: 0, points: Array.from({ length: 5 }, (_, i): [number, number] => [T0 + i * MIN, 120]) };
    const perFive: Series = { key: 'x', total: 0, points: [[T0, 600]] };
    const a = toRates([perMinute], { ...coverage, grain: 'PT1M' })[0]!.points.map((p) => p[1]);
    const b = toRates([perFive], { ...coverage, grain: 'PT5M' })[0]!.points.map((p) => p[1]);
    expect(a).toEqual([2, 2, 2, 2, 2]);
    expect(b).toEqual([2]);
  });

  it('divide the open bucket and a cut first bucket by the time they cover, and keep gaps as gaps', () => {
    const coverage = { interval: { start: T0 + 30_000, end: T0 + 3 * MIN }, grain: 'PT1M' as const, tz: 'UTC', dataUntil: T0 + 2 * MIN + 15_000 };
    expect(coveredSeconds(T0, coverage)).toBe(30);
    expect(coveredSeconds(T0 + 2 * MIN, coverage)).toBe(15);
    const s: Series = { key: null, total: 0, points: [[T0, 60], [T0 + MIN, null], [T0 + 2 * MIN, 30]] };
    expect(toRates([s], coverage)[0]!.points).toEqual([[T0, 2], [T0 + MIN, null], [T0 + 2 * MIN, 2]]);
  });

  it('count the 25 hours of the day the clocks go back', () => {
    const day = Date.parse('2026-10-24T22:00:00Z'); // Oct 25 in Berlin
    const coverage = { interval: { start: day, end: day + 3 * 86_400_000 }, grain: 'P1D' as const, tz: 'Europe/Berlin', dataUntil: null };
    expect(coveredSeconds(day, coverage)).toBe(25 * 3600);
  });

  it('carry their unit', () => {
    expect(formatRate(1_234_000, 'bytes', { locale: 'en-US' })).toBe('1.23 MB/s');
    expect(formatRate(0.35, 'count', { locale: 'en-US' })).toBe('0.35/s');
    expect(formatRate(null, 'count', { locale: 'en-US' })).toBe('–');
  });
});
