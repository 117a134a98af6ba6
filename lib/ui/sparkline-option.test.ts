import { describe, expect, it } from 'vitest';
import { testTheme } from './chart-theme.fixtures';
import { sparklineOption, type SparklineInput } from './sparkline-option';

const T0 = Date.parse('2026-11-25T12:00:00Z');
const H = 3_600_000;
const input: SparklineInput = {
  points: [[T0, 0.004], [T0 + H, 0.02], [T0 + 2 * H, 0.006]],
  interval: { start: T0, end: T0 + 3 * H },
  grain: 'PT1H',
  tz: 'Europe/Berlin',
  openFrom: T0 + 2 * H,
  target: 0.01,
  format: 'percent',
  kind: 'ratio',
  rate: false,
  locale: 'en-GB',
  theme: testTheme,
};
const series = (o: ReturnType<typeof sparklineOption>) => o.series as { id: string; data: [number, number | null][] }[];

describe('sparkline option', () => {
  it('draws the target across the whole range, in the view’s wall-clock time', () => {
    const target = series(sparklineOption(input)).find((s) => s.id === 'target')!;
    // Berlin is UTC+1 in November.
    expect(target.data).toEqual([[T0 + H, 0.01], [T0 + 4 * H, 0.01]]);
  });

  it('draws the bucket still filling apart, joined to the last closed one, and no target line without a target', () => {
    const o = sparklineOption({ ...input, target: null });
    expect(series(o).map((s) => s.id)).toEqual(['cur', 'open']);
    expect(series(o)[0]!.data.map(([, v]) => v)).toEqual([0.004, 0.02]);
    expect(series(o)[1]!.data.map(([, v]) => v)).toEqual([0.02, 0.006]);
  });

  it('says the value and the target in the measure’s unit in the tooltip', () => {
    const o = sparklineOption(input);
    const text = (o.tooltip as { formatter: (p: unknown) => string }).formatter([{ seriesId: 'cur', value: [T0 + 2 * H, 0.02] }]);
    expect(text).toContain('<b>2%</b>');
    expect(text).toContain('Target 1%');
  });
});
