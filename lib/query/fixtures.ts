/** Named QuerySpecs reused by the golden, property and engine tests. */
import { codeMeasures, type Measure } from '@/lib/dashboards/measure';
import { findDashboard, findDatasource } from '@/lib/dashboards/registry';
import { percentileMeasures } from './plan';
import type { QuerySpec } from './spec';

const logins = findDashboard('security-logins')!;
const cluster = findDashboard('cluster-overview')!;
const m = (d: typeof logins, id: string): Measure => d.measures.find((x) => x.id === id)!;

/** Measures of every type and filter, declared here so each compiles in a golden file and is checked on data. */
const typed = (datasource: string, decls: Parameters<typeof codeMeasures>[1]) => codeMeasures(findDatasource(datasource)!, decls);

const base: QuerySpec = {
  datasource: 'logins',
  tenant: 'acme',
  interval: { start: Date.parse('2026-11-24T00:00:00Z'), end: Date.parse('2026-11-25T00:00:00Z') },
  tz: 'UTC',
  filters: [],
  dimensions: [],
  measures: [m(logins, 'attempts')],
  orderBy: [],
  limit: 1,
};

export const SPEC_FIXTURES: Record<string, QuerySpec> = {
  kpi: { ...base, measures: ['attempts', 'failures', 'failure_rate', 'users'].map((id) => m(logins, id)) },
  'kpi-filters': {
    ...base,
    filters: [
      { dim: 'country', op: 'in', values: ['US', 'DE'] },
      { dim: 'method', op: 'not_in', values: ['sso'] },
      { dim: 'user', op: 'contains', values: ['ann', "o'brien"] },
    ],
  },
  'timeseries-hourly-berlin': {
    ...base,
    tz: 'Europe/Berlin',
    bucket: 'PT1H',
    measures: [m(logins, 'failures')],
    orderBy: [{ column: 't', dir: 'asc' }],
    limit: 25,
  },
  'timeseries-split-other': {
    ...base,
    bucket: 'PT5M',
    tz: 'America/Los_Angeles',
    dimensions: ['country'],
    keepValues: ['US', 'SG'],
    measures: [m(logins, 'failures')],
    orderBy: [
      { column: 't', dir: 'asc' },
      { column: 'country', dir: 'asc' },
    ],
    limit: 867,
  },
  'timeseries-weekly-kolkata': {
    ...base,
    tz: 'Asia/Kolkata',
    bucket: 'P1W',
    interval: { start: Date.parse('2026-09-01T00:00:00Z'), end: Date.parse('2026-11-25T00:00:00Z') },
    measures: [m(logins, 'attempts')],
    orderBy: [{ column: 't', dir: 'asc' }],
    limit: 14,
  },
  'timeseries-hourly-berlin-fall-back': {
    ...base,
    tz: 'Europe/Berlin',
    bucket: 'PT1H',
    interval: { start: Date.parse('2026-10-24T22:00:00Z'), end: Date.parse('2026-10-25T23:00:00Z') },
    measures: [m(logins, 'attempts')],
    orderBy: [{ column: 't', dir: 'asc' }],
    limit: 27,
  },
  'timeseries-daily-los-angeles-dst': {
    ...base,
    tz: 'America/Los_Angeles',
    bucket: 'P1D',
    interval: { start: Date.parse('2026-10-29T07:00:00Z'), end: Date.parse('2026-11-04T08:00:00Z') },
    measures: [m(logins, 'attempts')],
    orderBy: [{ column: 't', dir: 'asc' }],
    limit: 7,
  },
  'timeseries-daily': { ...base, bucket: 'P1D', orderBy: [{ column: 't', dir: 'asc' }], limit: 2 },
  'timeseries-minute': { ...base, bucket: 'PT1M', orderBy: [{ column: 't', dir: 'asc' }], limit: 1441 },
  'timeseries-15m': { ...base, bucket: 'PT15M', orderBy: [{ column: 't', dir: 'asc' }], limit: 97 },
  'topn-country': {
    ...base,
    dimensions: ['country'],
    measures: [m(logins, 'failures')],
    orderBy: [
      { column: 'failures', dir: 'desc' },
      { column: 'country', dir: 'asc' },
    ],
    limit: 10,
  },
  'table-cluster-sorted': {
    ...base,
    datasource: 'cluster_metrics',
    dimensions: ['broker', 'topic'],
    measures: ['bytes_in', 'latency_avg', 'consumer_lag_max'].map((id) => m(cluster, id)),
    filters: [{ dim: 'cluster', op: 'in', values: ['acme-prod-us'] }],
    orderBy: [
      { column: 'topic', dir: 'asc' },
      { column: 'broker', dir: 'asc' },
    ],
    limit: 100,
  },
  'kpi-sensor-every-type': {
    ...base,
    datasource: 'sensor_readings',
    measures: typed('sensor_readings', [
      { id: 'readings', type: 'count' },
      { id: 'lab_readings', type: 'count', filter: { dimension: 'location', in: ['lab'] } },
      { id: 'temp_sum', type: 'sum', field: 'temperature_c' },
      { id: 'temp_min', type: 'min', field: 'temperature_c' },
      { id: 'temp_max', type: 'max', field: 'temperature_c' },
      { id: 'temp_avg', type: 'avg', field: 'temperature_c' },
      { id: 'temp_p95', type: 'quantile', field: 'temperature_c', p: 0.95 },
      { id: 'temp_p50_cellar', type: 'quantile', field: 'temperature_c', p: 0.5, filter: { dimension: 'location', in: ['cellar', "o'hare"] } },
      { id: 'temp_max_lab', type: 'max', field: 'temperature_c', filter: { dimension: 'location', in: ['lab'] } },
      { id: 'temp_avg_lab', type: 'avg', field: 'temperature_c', filter: { dimension: 'location', in: ['lab'] } },
      { id: 'lab_share', type: 'ratio', numerator: 'lab_readings', denominator: 'readings' },
    ]),
  },
  'topn-logins-filtered-distinct': {
    ...base,
    dimensions: ['country'],
    measures: typed('logins', [
      { id: 'failing_users', type: 'distinct', field: 'user', filter: { dimension: 'result', in: ['failure'] } },
      { id: 'named_attempts', type: 'count', filter: { dimension: 'user', in: ["O'Brien", 'ann'] } },
      { id: 'users', type: 'distinct', field: 'user' },
      { id: 'failing_share', type: 'ratio', numerator: 'failing_users', denominator: 'users' },
    ]),
    orderBy: [
      { column: 'named_attempts', dir: 'desc' },
      { column: 'country', dir: 'asc' },
    ],
    limit: 10,
  },
  // A percentile panel's lines: one quantile measure at three p, per hour across a DST change.
  'percentiles-hourly-berlin-fall-back': {
    ...base,
    datasource: 'sensor_readings',
    tz: 'Europe/Berlin',
    bucket: 'PT1H',
    interval: { start: Date.parse('2026-10-24T22:00:00Z'), end: Date.parse('2026-10-25T23:00:00Z') },
    measures: percentileMeasures(typed('sensor_readings', [{ id: 'temp_p95', type: 'quantile', field: 'temperature_c', p: 0.95 }])[0]!, [0.5, 0.95, 0.99]),
    orderBy: [{ column: 't', dir: 'asc' }],
    limit: 27,
  },
  // A heatmap's cells: hour of day × day of week in a zone that falls back inside the range, and one with a half-hour offset.
  'heatmap-berlin-fall-back': {
    ...base,
    tz: 'Europe/Berlin',
    interval: { start: Date.parse('2026-10-20T00:00:00Z'), end: Date.parse('2026-10-28T00:00:00Z') },
    timeParts: ['dow', 'hour'],
    measures: [m(logins, 'attempts'), m(logins, 'failures')],
    orderBy: [
      { column: 'dow', dir: 'asc' },
      { column: 'hour', dir: 'asc' },
    ],
    limit: 168,
  },
  'heatmap-kolkata-filtered': {
    ...base,
    tz: 'Asia/Kolkata',
    interval: { start: Date.parse('2026-11-18T00:00:00Z'), end: Date.parse('2026-11-26T00:00:00Z') },
    filters: [{ dim: 'country', op: 'not_in', values: ['SG'] }],
    timeParts: ['dow', 'hour'],
    measures: [m(logins, 'attempts')],
    orderBy: [
      { column: 'dow', dir: 'asc' },
      { column: 'hour', dir: 'asc' },
    ],
    limit: 168,
  },
  'table-cluster-sum-ratios': {
    ...base,
    datasource: 'cluster_metrics',
    dimensions: ['broker'],
    measures: typed('cluster_metrics', [
      { id: 'bytes_in', type: 'sum', field: 'bytes_in' },
      { id: 'bytes_orders', type: 'sum', field: 'bytes_in', filter: { dimension: 'topic', in: ['orders', 'payments'] } },
      { id: 'messages_in', type: 'sum', field: 'messages_in' },
      { id: 'lag_avg', type: 'avg', field: 'consumer_lag' },
      { id: 'orders_share', type: 'ratio', numerator: 'bytes_orders', denominator: 'bytes_in' },
      // messages_in is 0 in the test data: a zero denominator answers NULL, not Infinity or NaN.
      { id: 'bytes_per_message', type: 'ratio', numerator: 'bytes_in', denominator: 'messages_in' },
    ]),
    orderBy: [{ column: 'broker', dir: 'asc' }],
    limit: 10,
  },
};
