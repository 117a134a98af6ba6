import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { findDashboard, findPanel } from '@/lib/dashboards/registry';
import { ViewSchema, type ViewInput } from '@/lib/view/schema';
import { compareInterval, planPanel, resolveInterval } from './plan';

const dashboard = findDashboard('security-logins')!;
const until = Date.parse('2026-11-25T14:33:20Z');
const plan = (panelId: string, view: ViewInput) =>
  planPanel({ dashboard, panel: findPanel(dashboard, panelId)!, view: ViewSchema.parse(view), tenant: 'acme', dataUntil: until });
const iso = (ms: number) => new Date(ms).toISOString();

describe('resolveInterval', () => {
  it('anchors relative ranges to the data, aligned to the grain', () => {
    const { interval, grain } = resolveInterval(ViewSchema.parse({ range: { last: 'P1D' } }), until);
    expect(grain).toBe('PT5M');
    expect(iso(interval.end)).toBe('2026-11-25T14:35:00.000Z');
    expect(iso(interval.start)).toBe('2026-11-24T14:35:00.000Z');
  });

  it('gives every viewer inside one bucket the same interval', () => {
    const v = ViewSchema.parse({ range: { last: 'P7D' } });
    expect(resolveInterval(v, until)).toEqual(resolveInterval(v, until + 10 * 60_000));
  });

  it('picks an auto grain that keeps charts under 500 points', () => {
    for (const last of ['PT15M', 'PT1H', 'P1D', 'P7D', 'P30D', 'P90D'] as const) {
      const { interval, grain } = resolveInterval(ViewSchema.parse({ range: { last } }), until);
      const points = (interval.end - interval.start) / { PT1M: 6e4, PT5M: 3e5, PT15M: 9e5, PT1H: 3.6e6, P1D: 8.64e7, P1W: 6.048e8 }[grain];
      expect(points).toBeLessThanOrEqual(501);
      expect(points).toBeGreaterThan(10);
    }
  });

  it('counts day presets in local days across a DST change', () => {
    // Berlin springs forward on 29 March 2026: a week back from 4 April 12:00 local is 28 March 12:00 local.
    const v = ViewSchema.parse({ range: { last: 'P7D' }, tz: 'Europe/Berlin', grain: 'PT1H' });
    const { interval } = resolveInterval(v, Date.parse('2026-04-04T10:00:00Z'));
    expect([iso(interval.start), iso(interval.end)]).toEqual(['2026-03-28T11:00:00.000Z', '2026-04-04T10:00:00.000Z']);
  });

  it('keeps absolute ranges exactly as given', () => {
    const v = ViewSchema.parse({ range: { start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00+01:00' } });
    const { interval } = resolveInterval(v, until);
    expect([iso(interval.start), iso(interval.end)]).toEqual(['2026-11-01T00:00:00.000Z', '2026-11-01T23:00:00.000Z']);
  });
});

describe('compareInterval', () => {
  const interval = { start: Date.parse('2026-11-24T00:00:00Z'), end: Date.parse('2026-11-25T00:00:00Z') };
  it.each([
    ['previous', '2026-11-23T00:00:00.000Z', '2026-11-24T00:00:00.000Z'],
    ['P1D', '2026-11-23T00:00:00.000Z', '2026-11-24T00:00:00.000Z'],
    ['P1W', '2026-11-17T00:00:00.000Z', '2026-11-18T00:00:00.000Z'],
    ['P4W', '2026-10-27T00:00:00.000Z', '2026-10-28T00:00:00.000Z'],
    ['P1Y', '2025-11-24T00:00:00.000Z', '2025-11-25T00:00:00.000Z'],
  ] as const)('%s', (compare, start, end) => {
    const c = compareInterval(ViewSchema.parse({ range: { last: 'P1D' }, compare }), interval)!;
    expect([iso(c.start), iso(c.end)]).toEqual([start, end]);
  });
});

describe('planPanel', () => {
  it('plans a split time series in two phases with the same top-N for compare', () => {
    const p = plan('failures_by_country', { range: { last: 'P1D' }, compare: 'P1W', limit: 3 });
    expect(p.top).toMatchObject({ dimensions: ['country'], limit: 3 });
    expect(p.main).toMatchObject({ bucket: 'PT5M', dimensions: ['country'] });
    expect(p.compare?.interval.end).toBe(p.main.interval.end - 7 * 86_400_000);
    expect(p.columns.map((c) => c.name)).toEqual(['t', 'country', 'failures']);
  });

  it('lets the view override or remove the split', () => {
    expect(plan('failures_by_country', { range: { last: 'P1D' }, split: 'method' }).top?.dimensions).toEqual(['method']);
    expect(plan('failures_by_country', { range: { last: 'P1D' }, split: null }).top).toBeNull();
  });

  it('sorts tables by the view sort when it names one of its columns', () => {
    const p = plan('users', { range: { last: 'P1D' }, sort: { by: 'attempts', dir: 'asc' } });
    expect(p.main.orderBy[0]).toEqual({ column: 'attempts', dir: 'asc' });
  });

  it('compares totals whose last bucket is still filling with the same stretch of the compared period', () => {
    // Last day at 5-minute buckets, data until 14:33:20: the open bucket 14:30-14:35 has 3 min 20 s of data.
    const kpi = plan('kpis', { range: { last: 'P1D' }, compare: 'P1W' });
    expect([iso(kpi.interval.start), iso(kpi.interval.end)]).toEqual(['2026-11-24T14:35:00.000Z', '2026-11-25T14:35:00.000Z']);
    const stretch = ['2026-11-17T14:35:00.000Z', '2026-11-18T14:33:20.000Z'];
    expect([iso(kpi.compareInterval!.start), iso(kpi.compareInterval!.end)]).toEqual(stretch);
    expect([iso(kpi.compare!.interval.start), iso(kpi.compare!.interval.end)]).toEqual(stretch);
    const top = plan('top_countries', { range: { last: 'P1D' }, compare: 'P1W' });
    expect(iso(top.compare!.interval.end)).toBe(stretch[1]);
    // A time series lines up bucket by bucket and keeps the whole compared period.
    expect(iso(plan('failures_by_country', { range: { last: 'P1D' }, compare: 'P1W' }).compare!.interval.end)).toBe('2026-11-18T14:35:00.000Z');
    // A closed range compares whole periods.
    const closed = plan('kpis', { range: { start: '2026-11-24T00:00:00Z', end: '2026-11-25T00:00:00Z' }, compare: 'previous' });
    expect([iso(closed.compare!.interval.start), iso(closed.compare!.interval.end)]).toEqual(['2026-11-23T00:00:00.000Z', '2026-11-24T00:00:00.000Z']);
  });

  it('lists a table with a Time column by minute, newest first, without a compare period', () => {
    const alerts = findDashboard('alerts')!;
    const view = ViewSchema.parse({ range: { last: 'P7D' }, compare: 'previous' });
    const p = planPanel({ dashboard: alerts, panel: findPanel(alerts, 'recent')!, view, tenant: 'acme', dataUntil: until });
    expect(p.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['t:time', 'rule:string', 'severity:string', 'message:string', 'alerts:number', 'max_value:number']);
    expect(p).toMatchObject({ grain: 'PT1M', series: false, compare: null, compareInterval: null });
    expect(p.main).toMatchObject({ bucket: 'PT1M', dimensions: ['rule', 'severity', 'message'], limit: 100 });
    expect(p.main.orderBy).toEqual([{ column: 't', dir: 'desc' }, { column: 'rule', dir: 'asc' }, { column: 'severity', dir: 'asc' }, { column: 'message', dir: 'asc' }]);
    // A sort the viewer chose comes first; the newest still lead among equals.
    const sorted = planPanel({ dashboard: alerts, panel: findPanel(alerts, 'recent')!, view: { ...view, sort: { by: 'max_value', dir: 'desc' } }, tenant: 'acme', dataUntil: until });
    expect(sorted.main.orderBy.slice(0, 2)).toEqual([{ column: 'max_value', dir: 'desc' }, { column: 't', dir: 'desc' }]);
    // Charts stay time series: their buckets may be reused and zero-filled.
    expect(plan('failures_by_country', { range: { last: 'P1D' } }).series).toBe(true);
  });

  it.each([
    [{ range: { last: 'P1D' }, filters: [{ dim: 'tenant', op: 'in', values: ['globex'] }] }, 'view.filters.0.dim'],
    [{ range: { last: 'P1D' }, filters: [{ dim: 'bytes_in', op: 'in', values: ['1'] }] }, 'view.filters.0.dim'],
    [{ range: { last: 'P1D' }, split: 'tenant' }, 'view.split'],
    [{ range: { last: 'P1D' }, sort: { by: 'password', dir: 'asc' } }, 'view.sort.by'],
    [{ range: { start: '2025-01-01T00:00:00Z', end: '2025-12-01T00:00:00Z' } }, 'view.range'],
    [{ range: { last: 'P90D' }, grain: 'PT1M' }, 'view.grain'],
  ] as [ViewInput, string][])('rejects %j at %s', (view, path) => {
    try {
      plan('failures_by_country', view);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('invalid_input');
      expect((err as AppError).path).toBe(path);
    }
  });
});

describe('maximum span', () => {
  const alerts = findDashboard('alerts')!;
  const planAlerts = (view: ViewInput, dataUntil: number) =>
    planPanel({ dashboard: alerts, panel: alerts.panels[0]!, view: ViewSchema.parse(view), tenant: 'acme', dataUntil });

  it.each(['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'UTC'])('accepts "last 90 days" in %s (with its DST changes inside) at every grain that fits', (tz) => {
    for (const grain of ['auto', 'PT1H', 'P1D', 'P1W'] as const) {
      expect(() => planAlerts({ range: { last: 'P90D' }, tz, grain }, Date.parse('2026-04-04T20:00:00Z'))).not.toThrow();
    }
  });

  it('measures absolute ranges in local days', () => {
    // 90 local days in Berlin across the spring change are 90 days less an hour.
    const ok = { start: '2026-01-05T00:00:00+01:00', end: '2026-04-05T00:00:00+02:00' };
    expect(() => planAlerts({ range: ok, tz: 'Europe/Berlin' }, Date.now())).not.toThrow();
    const long = { start: '2026-01-04T23:00:00+01:00', end: '2026-04-05T00:00:00+02:00' };
    expect(() => planAlerts({ range: long, tz: 'Europe/Berlin' }, Date.now())).toThrow(/at most 90 days/);
  });
});

describe('finest grain', () => {
  const coarse = { ...dashboard, finestGrain: 'PT15M' as const };
  const planCoarse = (view: ViewInput) =>
    planPanel({ dashboard: coarse, panel: findPanel(coarse, 'attempts_by_result')!, view: ViewSchema.parse(view), tenant: 'acme', dataUntil: until });

  it('refuses a grain finer than the dashboard allows, at view.grain', () => {
    expect(() => planCoarse({ range: { last: 'PT1H' }, grain: 'PT5M' })).toThrow(expect.objectContaining({ code: 'invalid_input', path: 'view.grain' }));
  });

  it('plans auto at the finest allowed grain where the usual choice would be finer', () => {
    expect(planCoarse({ range: { last: 'PT1H' } }).grain).toBe('PT15M');
    expect(plan('attempts_by_result', { range: { last: 'PT1H' } }).grain).toBe('PT1M');
  });
});
