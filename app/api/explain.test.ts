import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getRuntime } from '@/lib/runtime/runtime';
import { api, cookieFor, workspaceApi } from '@/lib/testing/api-client';
import { dashboardDocument } from '@/lib/dashboards/registry';

process.env.PULSE_LIVE = 'off';

let acme: string;
let globex: string;
beforeAll(async () => {
  await getRuntime();
  acme = await cookieFor('demo@acme.test');
  globex = await cookieFor('demo@globex.test');
});

type Contribution = { value: string | null; contribution: number; numerator?: number; denominator?: number };
type Dim = { dimension: string; complete: boolean; values: Contribution[] };
const sum = (cs: Contribution[]) => cs.reduce((acc, c) => acc + c.contribution, 0);

/** Views a customer would explain: presets and compare settings, with or without a filter. */
const views = fc.record({
  range: fc.constantFrom({ last: 'PT6H' }, { last: 'P1D' }, { last: 'P7D' }),
  compare: fc.constantFrom('previous', 'P1D', 'P1W'),
  tz: fc.constantFrom('UTC', 'Asia/Kolkata', 'America/New_York'),
  filters: fc.constantFrom([], [{ dim: 'region', op: 'in', values: ['eu-west'] }], [{ dim: 'method', op: 'not_in', values: ['GET'] }]),
});

describe('what changed (POST /api/explain)', () => {
  it('explains the change the KPI tile shows, and each dimension’s contributions add up to it (counts and ratios; seeded views)', async () => {
    await fc.assert(
      fc.asyncProperty(views, fc.constantFrom(['requests', 0], ['error_rate', 1]), async (view, [measure, column]) => {
        const kpi = await api.query({ dashboard: 'api-traffic', panel: 'kpis', view }, acme);
        const r = await api.explain({ dashboard: 'api-traffic', panel: 'kpis', measure, view }, acme);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(r.body.interval).toEqual(kpi.body.meta.interval);
        expect(r.body.compareInterval).toEqual(kpi.body.compare.interval);
        expect(r.body.now).toBeCloseTo(kpi.body.rows[0][column], 9);
        expect(r.body.before).toBeCloseTo(kpi.body.compare.rows[0][column], 9);
        expect(r.body.delta).toBeCloseTo(r.body.now - r.body.before, 9);
        // Dimensions with at most five values list them all: their contributions are the whole change.
        const whole = (r.body.dimensions as Dim[]).filter((d) => d.complete && d.values.length < 5);
        expect(whole.map((d) => d.dimension)).toEqual(expect.arrayContaining(['region']));
        for (const d of whole) expect(sum(d.values), d.dimension).toBeCloseTo(r.body.delta, 9);
        if (measure === 'error_rate') for (const c of r.body.top as Contribution[]) expect(c.numerator! + c.denominator!).toBeCloseTo(c.contribution, 12);
      }),
      { numRuns: 12, seed: 20261204 },
    );
  }, 120_000);

  it('ranks the largest contributions first across dimensions, five at most', async () => {
    const r = await api.explain({ dashboard: 'cluster-overview', panel: 'kpis', view: { range: { last: 'P1D' }, compare: 'P1W' } }, acme);
    expect(r.body.measure).toMatchObject({ id: 'bytes_in' });
    expect(r.body.top.length).toBe(5);
    const sizes = r.body.top.map((c: Contribution) => Math.abs(c.contribution));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const best = Math.max(...(r.body.dimensions as Dim[]).flatMap((d) => d.values.map((c) => Math.abs(c.contribution))));
    expect(sizes[0]).toBe(best);
  });

  it('refuses a measure whose change does not split over values, or that the panel does not show, at measure', async () => {
    const view = { range: { last: 'P1D' } };
    const refuse = async (body: object) => (await api.explain({ dashboard: 'api-traffic', panel: 'kpis', view, ...body }, acme)).body.error;
    expect(await refuse({ measure: 'latency_p95' })).toMatchObject({ code: 'invalid_input', path: 'measure' });
    expect(await refuse({ measure: 'latency_avg' })).toMatchObject({ code: 'invalid_input', path: 'measure' });
    expect(await refuse({ measure: 'nope' })).toMatchObject({ code: 'invalid_input', path: 'measure' });
    expect(await refuse({ panel: 'nope' })).toMatchObject({ code: 'not_found', path: 'panel' });
    expect(await refuse({ view: { range: { last: 'P1D' }, filters: [{ dim: 'password', op: 'in', values: ['x'] }] } })).toMatchObject({ code: 'invalid_input', path: 'view.filters.0.dim' });
    expect(await refuse({ sql: 'select 1' })).toMatchObject({ code: 'invalid_input' });
    expect((await api.explain({ dashboard: 'api-traffic', panel: 'kpis', view })).status).toBe(401);
  });

  it("never explains another tenant's dashboard, by id guessing too", async () => {
    const source = dashboardDocument('api-traffic')!;
    const { id } = (await workspaceApi.createDashboard({ ...source, title: 'Ours to explain' }, acme)).body;
    const body = { dashboard: id, panel: 'kpis', view: { range: { last: 'P1D' } } };
    expect((await api.explain(body, acme)).status).toBe(200);
    expect((await api.explain(body, globex)).body.error).toMatchObject({ code: 'not_found', path: 'dashboard' });
    // Each tenant's own answer: the same view of the configured dashboard explains different data
    // (cluster traffic differs by tenant; API requests come at the same rate for every tenant).
    const view = { range: { last: 'P1D' }, compare: 'P1D' };
    const [a, g] = await Promise.all([acme, globex].map(async (c) => (await api.explain({ dashboard: 'cluster-overview', panel: 'kpis', view }, c)).body));
    expect(a.now).not.toBe(g.now);
  });
});
