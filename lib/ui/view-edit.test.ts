import { describe, expect, it } from 'vitest';
import { encodeView } from '@/lib/view/codec';
import { ViewSchema } from '@/lib/view/schema';
import { LIMITS } from '@/lib/view/schema';
import { aroundMoment, canAddFilter, clearedView, grainFits, pinnedView, resolveView, withDrillDown, withFilter, withRange, withSort, type ViewDefaults } from './view-edit';

const defaults: ViewDefaults = { range: { last: 'P1D' }, grain: 'auto', compare: 'P1W' };
const base = ViewSchema.parse({ range: { last: 'PT1H' }, tz: 'Europe/Berlin' });
const dashboard = { defaultView: defaults, dimensions: [{ id: 'topic' }, { id: 'country' }] };

function resolved(search: string) {
  const r = resolveView(new URLSearchParams(search), dashboard, 'Asia/Tokyo');
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

describe('resolveView', () => {
  it('fills a bare link from the dashboard defaults and the viewer’s zone', () => {
    const r = resolved('');
    expect(r.view).toMatchObject({ range: { last: 'P1D' }, tz: 'Asia/Tokyo', compare: 'P1W', grain: 'auto' });
    expect(r.canonical).toBe('v=1&r=P1D&tz=Asia%2FTokyo&cmp=P1W');
  });

  it('keeps what a bare link does say', () => {
    expect(resolved('r=PT1H&tz=UTC').view).toMatchObject({ range: { last: 'PT1H' }, tz: 'UTC', compare: 'P1W' });
  });

  it('takes a versioned URL literally: no cmp means no comparison', () => {
    const r = resolved('v=1&r=PT6H');
    expect(r.view.compare).toBe('none');
    expect(r.canonical).toBe('v=1&r=PT6H&tz=Asia%2FTokyo');
  });

  it('reports a broken URL with the parameter to fix', () => {
    expect(resolveView(new URLSearchParams('v=1&r=P2D'), dashboard, 'UTC')).toMatchObject({ ok: false, error: { path: 'r' } });
  });

  it('refuses dimensions the dashboard does not have', () => {
    expect(resolveView(new URLSearchParams('v=1&not_in.cluster=x'), dashboard, 'UTC')).toMatchObject({
      ok: false,
      error: { path: 'not_in.cluster', message: 'this dashboard has no dimension cluster' },
    });
    expect(resolveView(new URLSearchParams('v=1&split=cluster'), dashboard, 'UTC')).toMatchObject({ ok: false, error: { path: 'split' } });
  });
});

describe('ranges and grains', () => {
  it('keeps a grain that still fits and drops one that would make too many buckets', () => {
    const minutely = { ...base, grain: 'PT1M' as const };
    expect(withRange(minutely, { last: 'P1D' }).grain).toBe('PT1M');
    expect(withRange(minutely, { last: 'P30D' }).grain).toBe('auto');
    expect(grainFits('PT1M', { last: 'P7D' })).toBe(false);
  });

  it('pins a view to the interval its answers covered', () => {
    const pinned = pinnedView(base, { start: '2026-11-25T12:00:00.000Z', end: '2026-11-25T13:00:00.000Z' });
    expect(pinned.range).toEqual({ start: '2026-11-25T12:00:00.000Z', end: '2026-11-25T13:00:00.000Z' });
    expect(encodeView(pinned)).toContain('from=2026-11-25T12%3A00%3A00.000Z');
  });
});

describe('filters', () => {
  it('sets, replaces and removes one (dimension, operator) filter', () => {
    const one = withFilter(base, 'topic', 'in', ['a', 'b']);
    expect(one.filters).toEqual([{ dim: 'topic', op: 'in', values: ['a', 'b'] }]);
    const two = withFilter(one, 'topic', 'contains', ['ord']);
    expect(two.filters).toHaveLength(2);
    expect(withFilter(two, 'topic', 'in', []).filters).toEqual([{ dim: 'topic', op: 'contains', values: ['ord'] }]);
  });

  it('drills down by adding the value to the in-filter and lifting it from not_in', () => {
    const excluded = withFilter(base, 'country', 'not_in', ['SG', 'US']);
    const drilled = withDrillDown(withDrillDown(excluded, 'country', 'SG'), 'country', 'DE');
    expect(drilled.filters).toEqual([
      { dim: 'country', op: 'not_in', values: ['US'] },
      { dim: 'country', op: 'in', values: ['SG', 'DE'] },
    ]);
    expect(withDrillDown(drilled, 'country', 'SG').filters).toEqual(drilled.filters);
  });

  it('leaves the view as it is rather than break its limits', () => {
    const full = Array.from({ length: LIMITS.filters }, (_, i) => `dim_${i}`).reduce((v, dim) => withFilter(v, dim, 'in', ['x']), base);
    expect(full.filters).toHaveLength(LIMITS.filters);
    expect(canAddFilter(full, 'topic', 'in')).toBe(false);
    expect(withFilter(full, 'topic', 'in', ['a'])).toBe(full);
    expect(canAddFilter(full, 'dim_0', 'in')).toBe(true);
    expect(withFilter(full, 'dim_0', 'in', ['x', 'y']).filters[0]!.values).toEqual(['x', 'y']);
    const tooMany = Array.from({ length: LIMITS.valuesPerFilter + 1 }, (_, i) => String(i));
    expect(withFilter(base, 'topic', 'in', tooMany)).toBe(base);
  });

  it('clears back to the dashboard defaults but keeps the chosen zone', () => {
    const busy = withSort(withFilter({ ...base, compare: 'P1D', grain: 'PT5M' }, 'topic', 'in', ['a']), 'bytes_in');
    expect(clearedView(busy, defaults)).toEqual(ViewSchema.parse({ range: { last: 'P1D' }, compare: 'P1W', tz: 'Europe/Berlin' }));
  });
});

describe('withSort', () => {
  it('sorts descending first and flips on a second click', () => {
    const once = withSort(base, 'bytes_in');
    expect(once.sort).toEqual({ by: 'bytes_in', dir: 'desc' });
    expect(withSort(once, 'bytes_in').sort).toEqual({ by: 'bytes_in', dir: 'asc' });
    expect(withSort(once, 'broker').sort).toEqual({ by: 'broker', dir: 'desc' });
  });
});

describe('aroundMoment', () => {
  it('pins the hours around an unusual point and compares them with the week before, keeping zone and filters', () => {
    const t = Date.parse('2026-11-25T14:00:00Z');
    const filtered = withFilter(ViewSchema.parse({ range: { last: 'P1D' }, tz: 'Europe/Berlin', grain: 'P1D' }), 'country', 'in', ['DE']);
    const v = aroundMoment(filtered, { start: t, end: t + 3_600_000 });
    expect(v.range).toEqual({ start: '2026-11-25T12:00:00.000Z', end: '2026-11-25T16:00:00.000Z' });
    expect(v.compare).toBe('P1W');
    expect(v.grain).toBe('auto');
    expect([v.tz, v.filters]).toEqual([filtered.tz, filtered.filters]);
  });
});
