import { describe, expect, it } from 'vitest';
import { findDashboard, findPanel } from '@/lib/dashboards/registry';
import { percentileMeasures } from '@/lib/query/plan';
import { compareAnswers, rankAgrees, rowsAgree } from './conformance';

const d = findDashboard('security-logins')!;
const kpi = [{ name: 'attempts', type: 'number' as const }, { name: 'users', type: 'number' as const }];
const split = [{ name: 't', type: 'time' as const }, { name: 'country', type: 'string' as const }, { name: 'failures', type: 'number' as const }];

describe('compareAnswers', () => {
  it('accepts equal answers in another row order, NULL "Other" rows included', () => {
    expect(compareAnswers(d, split, [[1, 'US', 5], [1, null, 2]], [[1, null, 2], [1, 'US', 5]])).toEqual([]);
  });

  it('requires exact counts and sums', () => {
    expect(compareAnswers(d, kpi, [[100, 10]], [[101, 10]])).toEqual([{ row: 0, column: 'attempts', left: 100, right: 101 }]);
  });

  it('allows the sketch tolerance only on approximate measures', () => {
    expect(d.measures.find((m) => m.id === 'users')?.approximate).toBe(true);
    expect(compareAnswers(d, kpi, [[100, 1000]], [[100, 1015]])).toEqual([]);
    expect(compareAnswers(d, kpi, [[100, 1000]], [[100, 1050]])).toHaveLength(1);
  });

  it('allows float rounding on ratios, not more', () => {
    const cols = [{ name: 'failure_rate', type: 'number' as const }];
    expect(compareAnswers(d, cols, [[0.1 + 0.2]], [[0.3]])).toEqual([]);
    expect(compareAnswers(d, cols, [[0.3]], [[0.3001]])).toHaveLength(1);
  });

  it('reports different row counts and strings', () => {
    expect(compareAnswers(d, split, [[1, 'US', 5]], [])[0]!.column).toBe('(row count)');
    expect(compareAnswers(d, split, [[1, 'US', 5]], [[1, 'DE', 5]])).toHaveLength(1);
    expect(findPanel(d, 'kpis')).toBeDefined();
  });
});

describe('quantiles, judged by rank', () => {
  const api = findDashboard('api-traffic')!;
  const cols = [{ name: 'endpoint', type: 'string' as const }, { name: 'latency_p95', type: 'number' as const }];
  // 1..1000: the exact p95 is about 950; rank error 2.225% allows 928..973 whatever DuckDB interpolated.
  const values = Array.from({ length: 1000 }, (_, i) => i + 1);
  const exact = (groups: Record<string, number[]>) => new Map([['latency_p95', new Map(Object.entries(groups).map(([k, v]) => [JSON.stringify([k]), v]))]]);

  it('accepts a value whose rank is within the sketch rank error and refuses one beyond it, however close in value', () => {
    expect(rankAgrees(values, 0.95, 928)).toBe(true);
    expect(rankAgrees(values, 0.95, 973)).toBe(true);
    expect(rankAgrees(values, 0.95, 927)).toBe(false);
    expect(rankAgrees(values, 0.95, 974)).toBe(false);
    expect(compareAnswers(api, cols, [['/a', 950.05]], [['/a', 970]], exact({ '/a': values }))).toEqual([]);
    expect(compareAnswers(api, cols, [['/a', 950.05]], [['/a', 930]], exact({ '/a': values }))).toEqual([]);
    // In a skewed distribution value distance says little: the rank decides.
    const skewed = [...Array.from({ length: 900 }, () => 10), ...Array.from({ length: 100 }, (_, i) => 1000 + i)];
    expect(rankAgrees(skewed, 0.95, 1049)).toBe(true);
    expect(rankAgrees(skewed, 0.95, 10)).toBe(false);
  });

  it('needs a null where there are no values', () => {
    expect(rankAgrees([], 0.95, null)).toBe(true);
    expect(rankAgrees([], 0.95, 5)).toBe(false);
    expect(rankAgrees([5], 0.95, null)).toBe(false);
  });

  it('accepts a top-N that picked another group only when the two are indistinguishable at that rank error', () => {
    const close = values.map((v) => v + 1);
    const far = values.map((v) => v + 500);
    expect(compareAnswers(api, cols, [['/a', 950]], [['/b', 951]], exact({ '/a': values, '/b': close }))).toEqual([]);
    expect(compareAnswers(api, cols, [['/a', 950]], [['/b', 1450]], exact({ '/a': values, '/b': far }))).toHaveLength(1);
    // Without the exact values the groups must match.
    expect(compareAnswers(api, cols, [['/a', 950]], [['/b', 951]])).toEqual([{ row: 0, column: 'endpoint', left: '/a', right: '/b' }]);
  });

  it('keeps every other measure as strict as before', () => {
    const kpi = [{ name: 'requests', type: 'number' as const }, { name: 'latency_p95', type: 'number' as const }];
    const ex = new Map([['latency_p95', new Map([['[]', values]])]]);
    expect(compareAnswers(api, kpi, [[100, 950]], [[101, 950]], ex)).toEqual([{ row: 0, column: 'requests', left: 100, right: 101 }]);
  });
});

describe('rowsAgree: two answers of one engine, in order', () => {
  const api = findDashboard('api-traffic')!;
  // A percentile panel's p50 column, per bucket, beside a count.
  const [p50] = percentileMeasures(api.measures.find((m) => m.id === 'latency_p95')!, [0.5]);
  const measures = { measures: [p50!, ...api.measures] };
  const cols = [{ name: 't', type: 'time' as const }, { name: 'p50', type: 'number' as const }, { name: 'requests', type: 'number' as const }];
  const values = Array.from({ length: 1000 }, (_, i) => i + 1);
  const exact = new Map([['p50', new Map([[JSON.stringify([0]), values]])]]);

  it('judges a quantile by rank among its exact values, however far in value from the other answer', () => {
    // 3.2% apart in value, as two runs of one sketched query were seen to be; both within rank error of p50.
    expect(rowsAgree(measures, cols, [[0, 500, 7]], [[0, 516, 7]], exact)).toBeNull();
    expect(rowsAgree(measures, cols, [[0, 478, 7]], [[0, 500, 7]], exact)).toBeNull();
    // Beyond the rank error, even where the other answer is as far off.
    expect(rowsAgree(measures, cols, [[0, 476, 7]], [[0, 476, 7]], exact)).toMatch(/^row 0 p50 \(p0.5 of 1000 exact values, by rank\)/);
    expect(rowsAgree(measures, cols, [[0, 524, 7]], [[0, 500, 7]], exact)).toMatch(/^row 0 p50/);
  });

  it('needs the exact values of the row\'s own group: a bucket with none must be null', () => {
    expect(rowsAgree(measures, cols, [[60_000, 500, 7]], [[60_000, 500, 7]], exact)).toMatch(/^row 0 p50 \(p0.5 of 0 exact values/);
    expect(rowsAgree(measures, cols, [[60_000, null, 0]], [[60_000, null, 0]], exact)).toBeNull();
  });

  it('keeps times, order and every other column as strict as before', () => {
    expect(rowsAgree(measures, cols, [[0, 500, 7]], [[0, 500, 8]], exact)).toMatch(/^row 0 requests/);
    expect(rowsAgree(measures, cols, [[0, 500, 7]], [[60_000, 500, 7]], exact)).toMatch(/^row 0 t/);
    expect(rowsAgree(measures, cols, [[0, 500, 7]], [], exact)).toBe('1 rows vs 0');
  });

  it('without exact values compares quantiles with the other answer, by the approximate tolerance', () => {
    expect(p50!.approximate).toBe(true);
    expect(rowsAgree(measures, cols, [[0, 500, 7]], [[0, 509, 7]])).toBeNull();
    expect(rowsAgree(measures, cols, [[0, 500, 7]], [[0, 516, 7]])).toMatch(/^row 0 p50: /);
  });
});
