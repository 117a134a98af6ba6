import { describe, expect, it } from 'vitest';
import { testTheme } from './chart-theme.fixtures';
import { assignColors, paletteSlot } from './series-color';

const ten = { other: '#999', palette: Array.from({ length: 10 }, (_, i) => `#c${i}`) };
const dark = { other: '#444', palette: Array.from({ length: 10 }, (_, i) => `#d${i}`) };
const LOCATIONS = ['HQ / Floor 3', 'HQ / Floor 2', 'HQ / Lobby', 'HQ / Server room', 'Warehouse / Dock', 'Warehouse / Cold store'];

describe('series colours', () => {
  it('do not change when the ranking changes or the data refreshes', () => {
    const ranked = assignColors(ten, [...LOCATIONS, null]);
    const reranked = assignColors(ten, [null, ...[...LOCATIONS].reverse()]);
    expect(reranked).toEqual(ranked);
  });

  it('are the same in every panel that shows the same names', () => {
    const timeseries = assignColors(ten, ['us', 'eu', null]);
    const topn = assignColors(ten, ['eu', 'us']);
    expect(topn.get('eu')).toBe(timeseries.get('eu'));
    expect(topn.get('us')).toBe(timeseries.get('us'));
  });

  it('keep the colour of every name that owns its slot, under any filter', () => {
    const all = assignColors(ten, LOCATIONS);
    const owners = LOCATIONS.filter((l) => all.get(l) === ten.palette[paletteSlot(l, 10)]);
    expect(owners.length).toBeGreaterThan(2);
    // Every subset of the names, as filters would leave them.
    for (let mask = 1; mask < 1 << LOCATIONS.length; mask++) {
      const shown = LOCATIONS.filter((_, i) => mask & (1 << i));
      const colors = assignColors(ten, shown);
      for (const name of owners.filter((o) => shown.includes(o))) expect(colors.get(name), `${name} among ${shown.join(', ')}`).toBe(all.get(name));
    }
  });

  it('give the names of one chart different colours while the palette has room', () => {
    const colors = assignColors(ten, LOCATIONS);
    expect(new Set(LOCATIONS.map((l) => colors.get(l))).size).toBe(LOCATIONS.length);
    // Some of these six hash to the same slot: without moving them two lines would look alike.
    expect(new Set(LOCATIONS.map((l) => paletteSlot(l, 10))).size).toBeLessThan(LOCATIONS.length);
  });

  it('take the same palette slot in both colour schemes, and grey for Other', () => {
    const light = assignColors(ten, [...LOCATIONS, null]);
    const night = assignColors(dark, [...LOCATIONS, null]);
    for (const l of LOCATIONS) expect(ten.palette.indexOf(light.get(l)!)).toBe(dark.palette.indexOf(night.get(l)!));
    expect(light.get(null)).toBe('#999');
    expect(night.get(null)).toBe('#444');
  });

  it('share colours only when there are more names than colours', () => {
    const many = assignColors(testTheme, ['a', 'b', 'c', 'd', 'e']);
    expect(new Set(['a', 'b', 'c', 'd', 'e'].map((k) => many.get(k))).size).toBe(testTheme.palette.length);
    expect(new Set(Array.from({ length: 200 }, (_, i) => paletteSlot(`topic-${i}`, 10))).size).toBe(10);
  });
});
