import { describe, expect, it } from 'vitest';
import { DatasourceSchema } from './datasource-schema';
import { MeasureSchema, resolveMeasures, type MeasureInput } from './measure';
import { publicDashboard } from './public';
import { findDashboard, findDatasource } from './registry';

const DATASOURCES = {
  cluster_metrics: findDatasource('cluster_metrics')!,
  alerts: findDatasource('alerts')!,
  logins: findDatasource('logins')!,
};

const resolve = (decls: MeasureInput[], ds = DATASOURCES.cluster_metrics) => resolveMeasures(decls.map((d) => MeasureSchema.parse(d)), ds);
const m = (extra: Record<string, unknown>) => ({ id: 'x', label: 'X', format: 'number', ...extra }) as MeasureInput;

describe('typed measures', () => {
  it('resolve to the event field and the rolled-up column holding it', () => {
    const { measures, issues } = resolve([m({ type: 'max', field: 'consumer_lag' })]);
    expect(issues).toEqual([]);
    expect(measures[0]!.aggregate).toMatchObject({ type: 'max', field: 'consumer_lag', stored: { column: 'consumer_lag_max', count: 'count' } });
  });

  it('count rows with COUNT(*) where a datasource keeps raw rows', () => {
    const { measures } = resolve([m({ type: 'count' })], DATASOURCES.alerts);
    expect(measures[0]!.aggregate).toMatchObject({ type: 'count', stored: { count: null } });
  });

  it('are approximate exactly when Druid answers them from a sketch', () => {
    const { measures } = resolve(
      [m({ id: 'u', type: 'distinct', field: 'user' }), m({ id: 'n', type: 'count' }), m({ id: 'r', type: 'ratio', numerator: 'u', denominator: 'n' })],
      DATASOURCES.logins,
    );
    expect(measures.map((x) => x.approximate)).toEqual([true, false, true]);
  });

  it('name the measure and the problem: a measure over a dimension, an unknown field, a rollup that is not declared, a missing ratio part, an unknown filter dimension', () => {
    const { issues } = resolve([
      m({ id: 'a', type: 'sum', field: 'broker' }),
      m({ id: 'b', type: 'sum', field: 'nope' }),
      m({ id: 'c', type: 'min', field: 'bytes_in' }),
      m({ id: 'd', type: 'ratio', numerator: 'a', denominator: 'missing' }),
      m({ id: 'e', type: 'count', filter: { dimension: 'region', in: ['eu'] } }),
    ]);
    expect(issues).toEqual([
      { path: [0, 'field'], message: 'broker is a dimension: a sum measure needs a numeric field' },
      { path: [1, 'field'], message: 'unknown field nope in datasource cluster_metrics' },
      { path: [2, 'field'], message: 'datasource cluster_metrics does not roll up bytes_in as min, so no engine can answer a min of it' },
      { path: [4, 'filter', 'dimension'], message: 'unknown dimension region in datasource cluster_metrics' },
      { path: [3, 'denominator'], message: expect.stringContaining('missing is not a measure of this dashboard') },
    ]);
  });

  it('refuse free SQL and filter values with control characters', () => {
    expect(MeasureSchema.safeParse(m({ sql: 'COUNT(*)' })).success).toBe(false);
    expect(MeasureSchema.safeParse(m({ type: 'count', sql: 'COUNT(*)' })).success).toBe(false);
    expect(MeasureSchema.safeParse(m({ type: 'count', filter: { dimension: 'result', in: ['a\nb'] } })).success).toBe(false);
  });
});

describe('datasource declarations', () => {
  const logins = { id: 'l', topic: 'pulse.l', timeField: 'ts', tenantField: 'tenant', granularity: 'minute', dimensions: [{ name: 'user' }] };

  it('refuse a rollup that cannot roll up that way, a metric over a dimension, a missing count, duplicate names', () => {
    const issues = (d: object) => (DatasourceSchema.safeParse(d).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ ...logins, metrics: [{ name: 'count', type: 'count' }, { name: 'u', type: 'sum', field: 'user' }] })).toEqual([
      'metrics.1.field: user is a dimension: it cannot roll up as sum',
    ]);
    expect(issues({ ...logins, metrics: [{ name: 'u', type: 'sum', field: 'nope' }] })).toEqual(['metrics: a rolled-up datasource needs a count metric', 'metrics.0.field: unknown field nope']);
    expect(issues({ ...logins, dimensions: [{ name: 'tenant' }], metrics: [{ name: 'count', type: 'count' }] })).toEqual([
      'dimensions.0.name: tenant is already declared as the tenant field',
    ]);
  });
});

describe('distinct counts', () => {
  const api = { id: 'a', topic: 'pulse.a', timeField: 'ts', tenantField: 'tenant', granularity: 'minute', dimensions: [{ name: 'endpoint' }], fields: [{ name: 'bytes', type: 'long' }] };

  it('refuse a pre-built HLL metric, saying why and what to declare instead', () => {
    const r = DatasourceSchema.safeParse({ ...api, metrics: [{ name: 'count', type: 'count' }, { name: 'e', type: 'hll', field: 'endpoint' }] });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['metrics.1.type', expect.stringMatching(/^hll metrics are not supported: .*apache\/druid#14315.*distinct measure/)]]);
  });

  it('count a dimension, sketched by Druid at query time, and refuse a numeric field', () => {
    const ds = DatasourceSchema.parse({ ...api, metrics: [{ name: 'count', type: 'count' }, { name: 'bytes', type: 'sum', field: 'bytes' }] });
    const { measures, issues } = resolveMeasures([MeasureSchema.parse(m({ id: 'e', type: 'distinct', field: 'endpoint' })), MeasureSchema.parse(m({ id: 'b', type: 'distinct', field: 'bytes' }))], ds);
    expect(measures[0]!.aggregate).toMatchObject({ type: 'distinct', field: 'endpoint', stored: { column: 'endpoint' } });
    expect(issues).toEqual([{ path: [1, 'field'], message: 'bytes is a numeric field: a distinct measure counts the values of a dimension' }]);
  });
});

describe('the public dashboard', () => {
  it('shows labels and formats, never how a measure aggregates or which columns hold it', () => {
    for (const id of ['security-logins', 'building-sensors', 'cluster-overview', 'api-traffic']) {
      const text = JSON.stringify(publicDashboard(findDashboard(id)!));
      expect(text).not.toMatch(/aggregate|druid|users_hll|temperature_c_q|latency_ms_q|endpoint_hll|"field"|filter/);
      expect(text).toContain('"approximate"');
    }
  });
});
