import { describe, expect, it } from 'vitest';
import { FIXTURE_T0 as T0, splitTimeseries, topTopics } from './answers.fixtures';
import { labelOf, testTheme } from './chart-theme.fixtures';
import { livePatch } from './live-patch';
import { alignedCompare, toBars, toSeries } from './series';
import { timeseriesOption } from './timeseries-option';
import { topnOption } from './topn-option';
import type { QueryResponse } from '@/lib/contract/schemas';

const MIN = 60_000;

function lines(answer: QueryResponse, start = T0) {
  return timeseriesOption({
    set: toSeries(answer),
    ghosts: alignedCompare(answer),
    ghostCaption: 'Day before',
    interval: { start, end: start + 3 * MIN },
    grain: 'PT1M',
    tz: 'UTC',
    openFrom: null,
    format: 'bytes',
    kind: 'counter',
    rate: false,
    locale: 'en-US',
    theme: testTheme,
    labelOf,
  });
}

/** The same series a minute later: every value moved, the window too. */
const later: QueryResponse = { ...splitTimeseries, rows: splitTimeseries.rows.map(([t, k, v]) => [(t as number) + MIN, k ?? null, (v as number) + 1]) };

describe('livePatch', () => {
  it('sends only the series data, the moving window and the tooltip when only numbers changed', () => {
    const patch = livePatch(lines(splitTimeseries), lines(later, T0 + MIN)) as Record<string, unknown>;
    expect(patch).not.toBeNull();
    const series = patch.series as Record<string, unknown>[];
    const next = lines(later, T0 + MIN).series as { id: string; data: unknown }[];
    expect(series.map((s) => s.id)).toEqual(next.map((s) => s.id));
    expect(series.map((s) => s.data)).toEqual(next.map((s) => s.data));
    // Nothing of a series' look travels, only what merges it by id.
    for (const s of series) expect(Object.keys(s).sort()).toEqual(expect.arrayContaining(['data', 'id']));
    expect(series.some((s) => 'lineStyle' in s || 'name' in s || 'type' in s)).toBe(false);
    expect(patch.xAxis).toMatchObject({ min: T0 + MIN, max: T0 + 4 * MIN });
    expect(typeof (patch.tooltip as { formatter: unknown }).formatter).toBe('function');
    expect(patch).not.toHaveProperty('grid');
    expect(patch).not.toHaveProperty('brush');
  });

  it('asks for the whole option when a series comes or goes', () => {
    const fewer: QueryResponse = { ...splitTimeseries, rows: splitTimeseries.rows.filter(([, k]) => k !== 'eu') };
    expect(livePatch(lines(splitTimeseries), lines(fewer))).toBeNull();
  });

  it('asks for the whole option when the comparison is switched off', () => {
    expect(livePatch(lines(splitTimeseries), lines({ ...splitTimeseries, compare: null }))).toBeNull();
  });

  it('patches bars and their category names when the ranking changes but the chart does not', () => {
    const bars = (answer: QueryResponse) => topnOption({ bars: toBars(answer), ghostCaption: 'Day before', format: 'bytes', locale: 'en-US', theme: testTheme, labelOf });
    const reranked: QueryResponse = { ...topTopics, rows: [['acme.orders', 950], ['acme.clickstream', 800], [null, 20]] };
    const patch = livePatch(bars(topTopics), bars(reranked)) as { series: { data: unknown }[] };
    expect(patch).not.toBeNull();
    expect(patch.series.map((s) => s.data)).toEqual((bars(reranked).series as { data: unknown }[]).map((s) => s.data));
  });

  it('carries no value the chart does not move: only ids, data, window ends and functions, never holes in place of numbers', () => {
    const bars = (answer: QueryResponse) => topnOption({ bars: toBars(answer), ghostCaption: 'Day before', format: 'bytes', locale: 'en-US', theme: testTheme, labelOf });
    const reranked: QueryResponse = { ...topTopics, rows: [['acme.orders', 950], ['acme.clickstream', 800], [null, 20]] };
    const leaves: string[] = [];
    const walk = (v: unknown, path: string[]): void => {
      if (['data', 'min', 'max', 'id'].includes(path.at(-1)!) || typeof v === 'function') return;
      if (v !== null && typeof v === 'object') for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
      else leaves.push(`${path.join('.')} = ${String(v)}`);
    };
    walk(livePatch(bars(topTopics), bars(reranked)), []);
    walk(livePatch(lines(splitTimeseries), lines(later, T0 + MIN)), []);
    // A bar's border radius [0, 3, 3, 0] once travelled as [undefined × 4]: ECharts then drew no bars.
    expect(leaves).toEqual([]);
  });
});
