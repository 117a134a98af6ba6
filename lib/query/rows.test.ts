import { DuckDBInstance } from '@duckdb/node-api';
import { SqlQuery } from 'druid-query-toolkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROWS_CAP, RowsRequestSchema } from '@/lib/contract/rows';
import { findDashboard, findPanel, listDatasources } from '@/lib/dashboards/registry';
import { schemaSql } from '@/lib/ingest/declared';
import type { CompiledQuery } from '@/lib/sql/query';
import { ViewSchema } from '@/lib/view/schema';
import { compile } from './compile';
import { planRows, rowMeasures } from './rows';

const golden = (q: CompiledQuery) => `${q.sql}\n-- params: ${JSON.stringify(q.params)}\n`;
const api = findDashboard('api-traffic')!;
const alerts = findDashboard('alerts')!;
const dataUntil = Date.parse('2026-11-24T12:00:00Z');
const view = (v: object) => ViewSchema.parse({ range: { start: '2026-11-24T00:00:00Z', end: '2026-11-24T12:00:00Z' }, ...v });
const plan = (args: { dashboard?: typeof api; panel: string; view?: object; at?: { t?: string; values?: Record<string, string> } }) => {
  const dashboard = args.dashboard ?? api;
  return planRows({ dashboard, panel: findPanel(dashboard, args.panel)!, view: view(args.view ?? {}), at: args.at, tenant: 'acme', dataUntil, limit: ROWS_CAP + 1 });
};

let duck: Awaited<ReturnType<DuckDBInstance['connect']>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(schemaSql(listDatasources()));
});
afterAll(() => duck.closeSync());

describe('the stored rows behind a panel', () => {
  it('lists time, every dimension, the events and each stored column the measures read once (no quantile sketch)', () => {
    expect(plan({ panel: 'requests_by_status' }).columns.map((c) => c.name)).toEqual(['t', 'endpoint', 'method', 'status_class', 'region', 'count', 'latency_ms', 'latency_ms_max', 'bytes']);
    expect(rowMeasures(api).map((m) => m.label)).toEqual(['Events', 'latency_ms (sum)', 'latency_ms_max (max)', 'bytes (sum)']);
    // Raw rows (no rollup): the events are counted, the fields aggregated to the minute.
    expect(rowMeasures(alerts).map((m) => m.id)).toEqual(['events', 'value']);
  });

  it('groups by the finest grain and every dimension, newest first, within the view, with its filters', () => {
    const p = plan({ panel: 'kpis', view: { filters: [{ dim: 'region', op: 'in', values: ['eu-west'] }], grain: 'PT1H' } });
    expect(p.grain).toBe('PT1M');
    expect(p.interval).toEqual({ start: Date.parse('2026-11-24T00:00:00Z'), end: dataUntil });
    expect(p.spec).toMatchObject({ bucket: 'PT1M', dimensions: ['endpoint', 'method', 'status_class', 'region'], filters: [{ dim: 'region', op: 'in', values: ['eu-west'] }], limit: ROWS_CAP + 1 });
    expect(p.spec.orderBy[0]).toEqual({ column: 't', dir: 'desc' });
  });

  it('narrows to the clicked bucket at the panel’s grain, in the view’s zone, and to the clicked values', () => {
    const p = plan({ panel: 'requests_by_status', view: { grain: 'P1D', tz: 'Asia/Kolkata', range: { start: '2026-11-20T18:30:00Z', end: '2026-11-23T18:30:00Z' } }, at: { t: '2026-11-21T18:30:00Z', values: { status_class: '5xx' } } });
    expect(p.interval).toEqual({ start: Date.parse('2026-11-21T18:30:00Z'), end: Date.parse('2026-11-22T18:30:00Z') });
    expect(p.spec.filters).toEqual([{ dim: 'status_class', op: 'in', values: ['5xx'] }]);
    // The last bucket ends with the view.
    expect(plan({ panel: 'requests_by_status', view: { grain: 'PT1H' }, at: { t: '2026-11-24T11:00:00Z' } }).interval.end).toBe(dataUntil);
  });

  it('refuses a bucket that is not one of the panel’s, or outside the view, at at.t; a name that is not a dimension at at.values', () => {
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return err;
      }
      throw new Error('not refused');
    };
    const g = { grain: 'PT1H' };
    expect(refused(() => plan({ panel: 'requests_by_status', view: g, at: { t: '2026-11-24T10:30:00Z' } }))).toMatchObject({ code: 'invalid_input', path: 'at.t' });
    expect(refused(() => plan({ panel: 'requests_by_status', view: g, at: { t: '2026-11-24T12:00:00Z' } }))).toMatchObject({ code: 'invalid_input', path: 'at.t' });
    expect(refused(() => plan({ panel: 'requests_by_status', at: { values: { tenant: 'globex' } } }))).toMatchObject({ code: 'invalid_input', path: 'at.values.tenant' });
    expect(refused(() => plan({ panel: 'kpis', view: { filters: [{ dim: 'latency_ms', op: 'in', values: ['1'] }] } }))).toMatchObject({ code: 'invalid_input', path: 'view.filters.0.dim' });
  });

  it('pages within the first 1,000 rows only', () => {
    const req = (page: number, pageSize: number) => RowsRequestSchema.safeParse({ dashboard: 'api-traffic', panel: 'kpis', view: { range: { last: 'P1D' } }, page, pageSize });
    expect(req(4, 200).success).toBe(true);
    expect(req(19, 50).success).toBe(true);
    expect(req(5, 200).error?.issues[0]?.path).toEqual(['page']);
    expect(req(0, 201).error?.issues[0]?.path).toEqual(['pageSize']);
    expect(req(-1, 10).error?.issues[0]?.path).toEqual(['page']);
    expect(RowsRequestSchema.parse({ dashboard: 'api-traffic', panel: 'kpis', view: { range: { last: 'P1D' } } })).toMatchObject({ page: 0, pageSize: 50 });
  });
});

const FIXTURES = {
  'rows-api-bucket-values': () => plan({ panel: 'requests_by_status', view: { grain: 'PT1H', tz: 'Europe/Berlin', filters: [{ dim: 'method', op: 'not_in', values: ['DELETE'] }] }, at: { t: '2026-11-24T10:00:00Z', values: { status_class: '5xx' } } }),
  'rows-alerts-raw': () => plan({ dashboard: alerts, panel: 'recent' }),
};

describe.each(Object.entries(FIXTURES))('compile %s', (name, make) => {
  it('matches the Druid golden SQL and parses as Druid SQL', async () => {
    const q = compile(make().spec, 'druid');
    await expect(golden(q)).toMatchFileSnapshot(`__golden__/${name}.druid.sql`);
    expect(SqlQuery.parse(q.sql).toString()).toBe(q.sql);
    expect(q.sql.split('?').length - 1).toBe(q.params.length);
  });

  it('matches the DuckDB golden SQL and DuckDB accepts it', async () => {
    const q = compile(make().spec, 'duckdb');
    await expect(golden(q)).toMatchFileSnapshot(`__golden__/${name}.duckdb.sql`);
    const reader = await duck.runAndReadAll(q.sql, q.params.map((p) => p.value));
    expect(reader.columnNames()).toEqual(make().columns.map((c) => c.name));
  });
});
