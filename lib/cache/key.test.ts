import { describe, expect, it } from 'vitest';
import { ViewSchema } from '@/lib/view/schema';
import { cacheKey } from './key';

const view = (filters: { dim: string; op: 'in'; values: string[] }[]) => ViewSchema.parse({ range: { last: 'P1D' }, filters });
const base = { engine: 'embedded', tenant: 'acme', scope: 'panel:d:p', interval: { start: 0, end: 60_000 }, grain: 'PT1M' as const };

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
    expect(cacheKey({ ...base, interval: { start: 0, end: 120_000 }, view: v })).not.toBe(k);
    expect(cacheKey({ ...base, scope: 'panel:d:q', view: v })).not.toBe(k);
    expect(cacheKey({ ...base, view: view([{ dim: 'country', op: 'in', values: ['US'] }]) })).not.toBe(k);
  });
});
