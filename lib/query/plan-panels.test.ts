import { describe, expect, it } from 'vitest';
import { findDashboard, findPanel } from '@/lib/dashboards/registry';
import { ViewSchema, type ViewInput } from '@/lib/view/schema';
import { percentileId, planPanel } from './plan';

const api = findDashboard('api-traffic')!;
const until = Date.parse('2026-11-25T14:33:20Z');
const plan = (panelId: string, view: ViewInput) => planPanel({ dashboard: api, panel: findPanel(api, panelId)!, view: ViewSchema.parse(view), tenant: 'acme', dataUntil: until });

describe('percentile lines', () => {
  it('ask for the quantile measure at each percentile, per bucket, as the time series do', () => {
    const p = plan('latency_percentiles', { range: { last: 'P1D' }, compare: 'P1D' });
    expect(p.columns).toEqual([{ name: 't', type: 'time' }, ...['p50', 'p95', 'p99'].map((name) => ({ name, type: 'number' }))]);
    expect(p.main.bucket).toBe(p.grain);
    expect(p.main.measures.map((m) => [m.id, m.aggregate.type === 'quantile' && m.aggregate.p, m.approximate])).toEqual([
      ['p50', 0.5, true],
      ['p95', 0.95, true],
      ['p99', 0.99, true],
    ]);
    // The declared measure's field and filter, only p differs.
    const declared = api.measures.find((m) => m.id === 'latency_p95')!.aggregate;
    for (const m of p.main.measures) expect({ ...m.aggregate, p: 0.95 }).toEqual(declared);
    expect(p.compare?.interval).toEqual(p.compareInterval);
    expect(p.trend).toBeNull();
  });

  it('name each percentile so the name stays a plain column name', () => {
    expect([0.5, 0.9, 0.95, 0.99, 0.999, 0.001].map(percentileId)).toEqual(['p50', 'p90', 'p95', 'p99', 'p99_9', 'p0_1']);
  });
});

describe('heatmap', () => {
  it('groups the whole interval by local day of week and hour, tenant-scoped and filtered, with no compare', () => {
    const filters = [{ dim: 'region', op: 'in' as const, values: ['eu-west'] }];
    const p = plan('requests_by_hour', { range: { last: 'P7D' }, tz: 'Europe/Berlin', compare: 'P1W', filters });
    expect(p.columns).toEqual([{ name: 'dow', type: 'ordinal' }, { name: 'hour', type: 'ordinal' }, { name: 'requests', type: 'number' }]);
    expect(p.main).toMatchObject({ tenant: 'acme', tz: 'Europe/Berlin', timeParts: ['dow', 'hour'], dimensions: [], filters, interval: p.interval, limit: 168 });
    expect(p.main.bucket).toBeUndefined();
    expect(p.compare).toBeNull();
  });
});

describe('sparkline KPI', () => {
  it('answers the total over the interval (compared) and the same measure per bucket beside it', () => {
    const p = plan('p95_trend', { range: { last: 'PT6H' }, compare: 'previous' });
    expect(p.columns).toEqual([{ name: 'latency_p95', type: 'number' }]);
    expect(p.main).toMatchObject({ interval: p.interval, limit: 1, dimensions: [] });
    expect(p.main.bucket).toBeUndefined();
    expect(p.compare?.interval).toEqual(p.compareInterval);
    expect(p.trend).toMatchObject({ bucket: p.grain, interval: p.interval, measures: p.main.measures, orderBy: [{ column: 't', dir: 'asc' }] });
  });
});
