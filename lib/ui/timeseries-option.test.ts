import { describe, expect, it } from 'vitest';
import { FIXTURE_T0 as T0, bandedTimeseries, plainTimeseries, splitTimeseries } from './answers.fixtures';
import { labelOf, testTheme } from './chart-theme.fixtures';
import { timeseriesModel } from './panel-chart';
import { assignColors } from './series-color';
import { alignedCompare, toSeries, type Series } from './series';
import { isSparse, timeseriesOption, type TimeseriesInput } from './timeseries-option';

const MIN = 60_000;
type Line = { id: string; name: string; step: string | false; data: [number, number | null][]; lineStyle: { color: string; type?: string; opacity?: number } };

function option(patch: Partial<TimeseriesInput> = {}) {
  return timeseriesOption({
    set: toSeries(splitTimeseries),
    ghosts: alignedCompare(splitTimeseries),
    ghostCaption: 'Day before',
    interval: { start: T0, end: T0 + 3 * MIN },
    grain: 'PT1M',
    tz: 'Europe/Berlin',
    openFrom: null,
    format: 'bytes',
    kind: 'counter',
    rate: true,
    locale: 'en-US',
    theme: testTheme,
    labelOf,
    ...patch,
  });
}
const lines = (patch?: Partial<TimeseriesInput>) => option(patch).series as Line[];
const wall = (t: number) => t + 3_600_000;
const color = (key: string) => assignColors(testTheme, ['us', 'eu', null]).get(key);

describe('timeseriesOption', () => {
  it('draws each split value in the colour of its name, Other in grey', () => {
    const current = lines().filter((s) => s.id.startsWith('cur:'));
    expect(current.map((s) => [s.name, s.lineStyle.color])).toEqual([
      ['us', color('us')],
      ['eu', color('eu')],
      ['Other', '#999'],
    ]);
  });

  it('gives the compare period dashed ghosts under a legend entry of their own', () => {
    const o = option();
    const ghosts = (o.series as Line[]).filter((s) => s.id.startsWith('cmp:'));
    expect(ghosts.map((s) => [s.id, s.name, s.lineStyle.color, s.lineStyle.type])).toEqual([
      ['cmp:0', 'Day before', color('us'), 'dashed'],
      ['cmp:1', 'Day before', color('eu'), 'dashed'],
    ]);
    const legend = o.legend as { data: { name: string }[]; type: string };
    expect(legend.type).toBe('scroll');
    expect(legend.data.map((d) => d.name)).toEqual(['us', 'eu', 'Other', 'Day before']);
  });

  it('shows a legend for an unsplit series only when there is a comparison to tell apart', () => {
    const plain = toSeries(plainTimeseries);
    expect((option({ set: plain, ghosts: null }).legend as { show?: boolean }).show).toBe(false);
    const ghost: Series[] = [{ ...plain.series[0]!, points: [[T0, 1]] }];
    expect((option({ set: plain, ghosts: ghost }).legend as { data: { name: string }[] }).data.map((d) => d.name)).toEqual(['attempts', 'Day before']);
  });

  it('plots wall-clock time of the view zone, since ECharts itself only knows UTC', () => {
    expect(lines().find((s) => s.id === 'cur:0')!.data[0]).toEqual([wall(T0), 30]);
  });

  it('draws the bucket still filling up lighter and dashed, joined to the closed ones', () => {
    const all = lines({ openFrom: T0 + 2 * MIN });
    expect(all.find((s) => s.id === 'cur:0')!.data).toEqual([[wall(T0), 30], [wall(T0 + MIN), 28]]);
    const open = all.find((s) => s.id === 'open:0')!;
    expect(open.data).toEqual([[wall(T0 + MIN), 28], [wall(T0 + 2 * MIN), 35]]);
    expect(open.lineStyle).toMatchObject({ type: 'dashed', opacity: 0.5 });
    // eu has no value in the open bucket, so it has no partial part.
    expect(all.some((s) => s.id === 'open:1')).toBe(false);
  });

  it('says then, now and the change in the tooltip, with the rate unit', () => {
    const o = option();
    const formatter = (o.tooltip as { formatter: (p: unknown) => string }).formatter;
    const text = formatter([{ seriesId: 'cur:0', seriesName: 'us', color: '#1f77b4', value: [wall(T0), 30] }]);
    expect(text).toContain('us <b>30B/s</b>');
    expect(text).toContain('(day before 20B/s, +50%)');
    // Under the page's CSP a style attribute is refused: the colour dot is an SVG fill.
    expect(text).toContain('fill="#1f77b4"');
    expect(text).not.toContain('style=');
  });

  it('fits a gauge’s axis to its data and starts counters at zero', () => {
    expect((option({ kind: 'gauge', rate: false }).yAxis as { scale: boolean }).scale).toBe(true);
    expect((option().yAxis as { scale: boolean }).scale).toBe(false);
  });

  describe('with the expected range', () => {
    const model = timeseriesModel(bandedTimeseries, false, 'Europe/Berlin');
    const banded = () => option({ set: model.set, ghosts: null, band: model.band, format: 'count', rate: false });
    type Drawn = Line & { stack?: string; stackStrategy?: string; z?: number; areaStyle?: { color: string }; symbol?: string; itemStyle: { color: string } };
    const drawn = () => banded().series as Drawn[];

    it('draws it behind the line as a muted area from low to high (stacked: low, then the span above it)', () => {
      const [low, span] = [drawn().find((s) => s.id === 'band:low')!, drawn().find((s) => s.id === 'band:span')!];
      expect(low.data).toEqual([[wall(T0), 2], [wall(T0 + MIN), 1], [wall(T0 + 2 * MIN), 0]]);
      expect(span.data).toEqual([[wall(T0), 2], [wall(T0 + MIN), 2], [wall(T0 + 2 * MIN), 2]]);
      for (const s of [low, span]) expect(s).toMatchObject({ stack: 'expected', stackStrategy: 'all', z: 0, name: 'Expected range', lineStyle: { opacity: 0 } });
      expect(low.areaStyle).toBeUndefined();
      expect(span.areaStyle).toMatchObject({ color: testTheme.muted });
    });

    it('marks the unusual points by shape as well as colour, and names both in the legend', () => {
      expect(drawn().find((s) => s.id === 'unusual')).toMatchObject({ symbol: 'triangle', itemStyle: { color: testTheme.alert }, data: [[wall(T0 + MIN), 5]] });
      expect((banded().legend as { data: unknown[] }).data).toEqual([{ name: 'attempts' }, { name: 'Expected range', icon: 'rect' }, { name: 'Unusual', icon: 'triangle' }]);
      const quiet = timeseriesModel({ ...bandedTimeseries, expected: { ...bandedTimeseries.expected!, outside: [] } }, false, 'Europe/Berlin');
      expect((option({ set: quiet.set, ghosts: null, band: quiet.band }).series as Drawn[]).some((s) => s.id === 'unusual')).toBe(false);
    });

    it('says the expected range in the tooltip, and when the point is outside it', () => {
      const formatter = (banded().tooltip as { formatter: (p: unknown) => string }).formatter;
      const at = (t: number, v: number) => formatter([{ seriesId: 'cur:0', seriesName: 'attempts', value: [wall(t), v] }, { seriesId: 'band:span', value: [wall(t), 2] }]);
      expect(at(T0, 3)).toContain('<span class="chart-tip-note">Expected 2–4</span>');
      expect(at(T0 + MIN, 5)).toContain('Expected 1–3 <b>(unusual)</b>');
      expect(at(T0, 3).match(/Expected/g)).toHaveLength(1);
    });

    it('draws nothing where no bucket has enough history', () => {
      expect(lines({ band: { band: [], unusual: [] } }).some((s) => s.id.startsWith('band:'))).toBe(false);
    });
  });

  it('draws mostly-zero counts as steps', () => {
    const sparse: Series = { key: 'a', total: 1, points: [[T0, 0], [T0 + MIN, 1], [T0 + 2 * MIN, 0]] };
    const dense: Series = { key: 'a', total: 3, points: [[T0, 1], [T0 + MIN, 1], [T0 + 2 * MIN, 0]] };
    expect(isSparse('counter', [sparse])).toBe(true);
    expect(isSparse('counter', [dense])).toBe(false);
    expect(isSparse('gauge', [sparse])).toBe(false);
    expect(lines({ set: { split: null, series: [sparse] }, ghosts: null })[0]!.step).toBe('end');
    expect(lines()[0]!.step).toBe(false);
  });
});
