import { describe, expect, it } from 'vitest';
import { ViewSchema } from '@/lib/view/schema';
import { cacheKey, seriesKey } from './key';

const view = (filters: { dim: string; op: 'in'; values: string[] }[]) => ViewSchema.parse({ range: { last: 'P1D' }, filters });
const base = { engine: 'embedded', tenant: 'acme', scope: 'panel:d:p', window: { start: 0, end: 60_000 }, grain: 'PT1M' as const };

describe('cacheKey', () => {
  it('never collides across tenants', () => {
    const v = view([]);
    expect(cacheKey({ ...base, view: v })).not.toBe(cacheKey({ ...base, tenant: 'globex', view: v }));
    expect(cacheKey({ ...base, view: v }).startsWith('embedded:acme:')).toBe(true);
  });

  it('is the same for filters and values in another order', () => {
    const a = view([
      { dim: 'country', op: 'in', values: ['US', 'DE'] },
      { dim: 'method', op: 'in', values: ['sso'] },
    ]);
    const b = view([
      { dim: 'method', op: 'in', values: ['sso'] },
      { dim: 'country', op: 'in', values: ['DE', 'US'] },
    ]);
    expect(cacheKey({ ...base, view: a })).toBe(cacheKey({ ...base, view: b }));
  });

  it('differs when anything that changes the answer differs', () => {
    const v = view([]);
    const k = cacheKey({ ...base, view: v });
    expect(cacheKey({ ...base, view: { ...v, tz: 'Europe/Berlin' } })).not.toBe(k);
    expect(cacheKey({ ...base, view: { ...v, compare: 'P1W' } })).not.toBe(k);
    expect(cacheKey({ ...base, window: { start: 0, end: 120_000 }, view: v })).not.toBe(k);
    expect(cacheKey({ ...base, scope: 'panel:d:q', view: v })).not.toBe(k);
    expect(cacheKey({ ...base, view: view([{ dim: 'country', op: 'in', values: ['US'] }]) })).not.toBe(k);
  });

  it('keys a live view by its preset: two presets at the same grain never share an answer', () => {
    const v = view([]);
    const live = (last: 'PT12H' | 'P1D') => cacheKey({ ...base, grain: 'PT5M', window: { last }, view: { ...v, range: { last } } });
    expect(live('PT12H')).not.toBe(live('P1D'));
    expect(live('P1D')).not.toBe(cacheKey({ ...base, grain: 'PT5M', view: v }));
  });

  it('gives a series one identity across ranges, apart from answers', () => {
    const v = view([]);
    const other = ViewSchema.parse({ range: { start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z' } });
    expect(seriesKey({ ...base, view: v })).toBe(seriesKey({ ...base, view: other }));
    expect(seriesKey({ ...base, view: v })).not.toBe(cacheKey({ ...base, view: v }));
    expect(seriesKey({ ...base, view: v })).not.toBe(seriesKey({ ...base, grain: 'PT5M', view: v }));
  });
});
