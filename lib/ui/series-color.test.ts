import { describe, expect, it } from 'vitest';
import { splitTimeseries } from './answers.fixtures';
import { testTheme } from './chart-theme.fixtures';
import { colorFor, paletteSlot } from './series-color';
import { toSeries } from './series';

const dark = { ...testTheme, other: '#444', palette: ['#f55', '#5f5', '#55f'] };
type Rows = typeof splitTimeseries.rows;
const colours = (rows: Rows) =>
  Object.fromEntries(toSeries({ ...splitTimeseries, rows }).series.map((s) => [String(s.key), colorFor(testTheme, s.key)]));

describe('series colours', () => {
  it('stay with the name when the ranking changes', () => {
    const before = colours(splitTimeseries.rows);
    // eu overtakes us: ranks swap, colours do not.
    const rows: Rows = splitTimeseries.rows.map((r) => (r[1] === 'eu' ? [r[0]!, 'eu', 1_000] : r));
    expect(toSeries({ ...splitTimeseries, rows }).series[0]!.key).toBe('eu');
    const reranked = colours(rows);
    expect(reranked).toEqual(before);
  });

  it('stay with the name when a filter removes other series', () => {
    const all = colours(splitTimeseries.rows);
    const onlyEu = colours(splitTimeseries.rows.filter((r) => r[1] === 'eu'));
    expect(onlyEu.eu).toBe(all.eu);
  });

  it('take the same palette slot in both colour schemes, and grey for Other', () => {
    for (const name of ['eu', 'us', 'acme.orders', 'failure', '5xx']) {
      expect(testTheme.palette.indexOf(colorFor(testTheme, name))).toBe(dark.palette.indexOf(colorFor(dark, name)));
    }
    expect(colorFor(testTheme, null)).toBe('#999');
    expect(colorFor(dark, null)).toBe('#444');
  });

  it('spread names over the whole palette', () => {
    const slots = new Set(Array.from({ length: 200 }, (_, i) => paletteSlot(`topic-${i}`, 10)));
    expect(slots.size).toBe(10);
    expect(paletteSlot('eu', 10)).toBe(paletteSlot('eu', 10));
  });
});
