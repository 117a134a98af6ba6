/** Named QuerySpecs reused by the golden, property and engine tests. */
import { findDashboard } from '@/lib/dashboards/registry';
import type { Measure } from '@/lib/dashboards/schema';
import type { QuerySpec } from './spec';

const logins = findDashboard('security-logins')!;
const cluster = findDashboard('cluster-overview')!;
const m = (d: typeof logins, id: string): Measure => d.measures.find((x) => x.id === id)!;

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
};
