import { beforeAll, describe, expect, it } from 'vitest';
import { dashboardDocument } from '@/lib/dashboards/registry';
import { getRuntime } from '@/lib/runtime/runtime';
import { api, cookieFor, workspaceApi } from '@/lib/testing/api-client';

process.env.PULSE_LIVE = 'off';

let acme: string;
let globex: string;
beforeAll(async () => {
  await getRuntime();
  acme = await cookieFor('demo@acme.test');
  globex = await cookieFor('demo@globex.test');
});

type Row = (string | number | null)[];
type Rows = { columns: { name: string }[]; rows: Row[]; total: number; capped: boolean; more: boolean };

/** Every row of a request, page after page (fewer than 1,000 of them). */
async function allRows(body: object, cookie = acme): Promise<Rows> {
  const first = await api.rows({ ...body, pageSize: 200 }, cookie);
  expect(first.status, JSON.stringify(first.body)).toBe(200);
  const out: Rows = first.body;
  for (let page = 1; out.rows.length < out.total; page++) out.rows.push(...(await api.rows({ ...body, page, pageSize: 200 }, cookie)).body.rows);
  expect(out.capped).toBe(false);
  return out;
}
const column = (r: Rows, name: string) => r.rows.map((row) => row[r.columns.findIndex((c) => c.name === name)]);
const sum = (xs: unknown[]) => xs.reduce<number>((a, x) => a + Number(x ?? 0), 0);

describe('show the rows (POST /api/rows)', () => {
  it('adds up to the panel’s answer: a bucket’s and split value’s rows count the events its point shows', async () => {
    const view = { range: { last: 'PT6H' }, grain: 'PT1H', tz: 'Asia/Kolkata' };
    const q = await api.query({ dashboard: 'api-traffic', panel: 'requests_by_status', view }, acme);
    expect(q.status).toBe(200);
    const points = (q.body.rows as [number, string, number][]).filter((r) => r[2] > 0 && r[1] !== null).slice(-4);
    expect(points.length).toBeGreaterThan(0);
    for (const [t, status, value] of points) {
      const r = await allRows({ dashboard: 'api-traffic', panel: 'requests_by_status', view, at: { t: new Date(t).toISOString(), values: { status_class: status } } });
      expect(new Set(column(r, 'status_class'))).toEqual(new Set([status]));
      expect(column(r, 't').every((x) => Number(x) >= t && Number(x) < t + 3_600_000)).toBe(true);
      expect(sum(column(r, 'count'))).toBe(value);
    }
  });

  it('adds up to the KPI tile over the whole view, filters applied, newest first', async () => {
    const view = { range: { last: 'PT1H' }, filters: [{ dim: 'region', op: 'in', values: ['eu-west', 'us-east'] }] };
    const kpi = await api.query({ dashboard: 'api-traffic', panel: 'kpis', view }, acme);
    const r = await allRows({ dashboard: 'api-traffic', panel: 'kpis', view });
    expect(r.total).toBeGreaterThan(0);
    expect(r.columns.map((c) => c.name)).toEqual(['t', 'endpoint', 'method', 'status_class', 'region', 'count', 'latency_ms', 'latency_ms_max', 'bytes']);
    expect(sum(column(r, 'count'))).toBe(kpi.body.rows[0][0]);
    expect(sum(column(r, 'bytes'))).toBe(kpi.body.rows[0][3]);
    expect(new Set(column(r, 'region'))).toEqual(new Set(['eu-west', 'us-east']));
    const times = column(r, 't') as number[];
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // A page past the rows (but within the first 1,000) is empty, with nothing after it.
    const past = await api.rows({ dashboard: 'api-traffic', panel: 'kpis', view, page: Math.ceil(r.total / 10), pageSize: 10 }, acme);
    expect(past.body).toMatchObject({ rows: [], total: r.total, more: false, capped: false });
  });

  it('lists the raw rows behind a listing table’s row (alerts: no rollup), counted as the table counts them', async () => {
    const view = { range: { last: 'P1D' }, tz: 'America/New_York' };
    const table = await api.query({ dashboard: 'alerts', panel: 'recent', view }, acme);
    const listed = (table.body.rows as [number, string, string, string, number, number][]).slice(0, 3);
    expect(listed.length).toBeGreaterThan(0);
    for (const [t, rule, severity, message, alerts, maxValue] of listed) {
      const r = await allRows({ dashboard: 'alerts', panel: 'recent', view, at: { t: new Date(t).toISOString(), values: { rule, severity, message } } });
      expect(r.rows.length).toBe(1);
      expect(r.rows[0]!.slice(0, 4)).toEqual([t, rule, severity, message]);
      expect(column(r, 'events')).toEqual([alerts]);
      expect(column(r, 'value')).toEqual([maxValue]);
    }
  });

  it('pages the first 1,000 rows: the pages are one list, and it says when there are more', async () => {
    const body = { dashboard: 'api-traffic', panel: 'kpis', view: { range: { last: 'P1D' } } };
    const big = await api.rows({ ...body, page: 0, pageSize: 200 }, acme);
    expect(big.body).toMatchObject({ total: 1000, capped: true, more: true, page: 0, pageSize: 200 });
    const small = [];
    for (let page = 0; page < 4; page++) small.push(...(await api.rows({ ...body, page, pageSize: 50 }, acme)).body.rows);
    expect(small).toEqual(big.body.rows);
    const last = await api.rows({ ...body, page: 4, pageSize: 200 }, acme);
    expect(last.body).toMatchObject({ more: false });
    expect(last.body.rows.length).toBe(200);
    expect((await api.rows({ ...body, page: 5, pageSize: 200 }, acme)).body.error).toMatchObject({ code: 'invalid_input', path: 'page' });
  });

  it('refuses bad input with a 400 at its path, and strangers with a 401', async () => {
    const base = { dashboard: 'api-traffic', panel: 'requests_by_status', view: { range: { last: 'PT6H' }, grain: 'PT1H' } };
    const refuse = async (body: object) => (await api.rows({ ...base, ...body }, acme)).body.error;
    expect(await refuse({ at: { t: '2026-11-24T10:30:00Z' } })).toMatchObject({ code: 'invalid_input', path: 'at.t' });
    expect(await refuse({ at: { t: 'yesterday' } })).toMatchObject({ code: 'invalid_input', path: 'at.t' });
    expect(await refuse({ at: { values: { tenant: 'globex' } } })).toMatchObject({ code: 'invalid_input', path: 'at.values.tenant' });
    expect(await refuse({ at: { values: { region: 7 } } })).toMatchObject({ code: 'invalid_input', path: 'at.values.region' });
    expect(await refuse({ pageSize: 500 })).toMatchObject({ code: 'invalid_input', path: 'pageSize' });
    expect(await refuse({ sql: 'select 1' })).toMatchObject({ code: 'invalid_input', path: 'sql' });
    expect(await refuse({ panel: 'nope' })).toMatchObject({ code: 'not_found', path: 'panel' });
    expect(await refuse({ dashboard: 'nope' })).toMatchObject({ code: 'not_found', path: 'dashboard' });
    expect((await api.rows(base)).status).toBe(401);
  });

  it("never shows another tenant's rows: their dashboard is 404, the same view lists each tenant's own", async () => {
    const source = dashboardDocument('api-traffic')!;
    const { id } = (await workspaceApi.createDashboard({ ...source, title: 'Our rows' }, acme)).body;
    const body = { dashboard: id, panel: 'kpis', view: { range: { last: 'PT1H' } } };
    expect((await api.rows(body, acme)).status).toBe(200);
    expect((await api.rows(body, globex)).body.error).toMatchObject({ code: 'not_found', path: 'dashboard' });
    const configured = { ...body, dashboard: 'api-traffic' };
    const [a, g] = await Promise.all([acme, globex].map(async (c) => (await api.rows(configured, c)).body.rows));
    expect(a).not.toEqual(g);
  });
});
