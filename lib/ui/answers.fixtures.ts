/** Small API answers shared by the lib/ui tests, shaped exactly as POST /api/query returns them. */
import type { QueryResponse } from '@/lib/contract/schemas';

const T0 = Date.parse('2026-11-25T12:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

function meta(grain: string, start = T0, end = T0 + 3 * MIN): QueryResponse['meta'] {
  return {
    engine: 'embedded',
    cache: 'miss',
    ageMs: 0,
    queryMs: 4.2,
    interval: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
    grain,
    dataUntil: new Date(end - 7_000).toISOString(),
  };
}

const splitColumns: QueryResponse['columns'] = [
  { name: 't', type: 'time' },
  { name: 'cluster', type: 'string' },
  { name: 'bytes_in', type: 'number' },
];

/** Two clusters and "Other" over three minutes, compared with the same minutes a day earlier. */
export const splitTimeseries: QueryResponse = {
  columns: splitColumns,
  rows: [
    [T0, 'eu', 10],
    [T0, 'us', 30],
    [T0, null, 1],
    [T0 + MIN, 'eu', 12],
    [T0 + MIN, 'us', 28],
    [T0 + 2 * MIN, 'us', 35],
    [T0 + 2 * MIN, null, 2],
  ],
  compare: {
    columns: splitColumns,
    rows: [
      [T0 - DAY, 'eu', 9],
      [T0 - DAY, 'us', 20],
      [T0 - DAY + MIN, 'us', 22],
    ],
    interval: { start: new Date(T0 - DAY).toISOString(), end: new Date(T0 - DAY + 3 * MIN).toISOString() },
  },
  meta: meta('PT1M'),
};

export const plainTimeseries: QueryResponse = {
  columns: [
    { name: 't', type: 'time' },
    { name: 'attempts', type: 'number' },
  ],
  rows: [
    [T0 + MIN, 5],
    [T0, 3],
  ],
  compare: null,
  meta: meta('PT1M'),
};

/** The same with its expected range: a band for all three minutes (the last still filling), the second minute above it. */
export const bandedTimeseries: QueryResponse = {
  ...plainTimeseries,
  expected: {
    columns: ['t', 'low', 'median', 'high'].map((name) => ({ name, type: name === 't' ? 'time' : 'number' })),
    rows: [
      [T0, 2, 3, 4],
      [T0 + MIN, 1, 2, 3],
      [T0 + 2 * MIN, 0, 1, 2],
    ],
    outside: [[T0 + MIN, 5]],
  },
};

export const kpis: QueryResponse = {
  columns: [
    { name: 'attempts', type: 'number' },
    { name: 'failures', type: 'number' },
    { name: 'failure_rate', type: 'number' },
    { name: 'users', type: 'number' },
  ],
  rows: [[200, 30, 0.15, 10]],
  compare: {
    columns: [],
    rows: [[160, 40, 0.25, 0]],
    interval: { start: new Date(T0 - 7 * DAY).toISOString(), end: new Date(T0 - 7 * DAY + 3 * MIN).toISOString() },
  },
  meta: meta('PT1M'),
};

export const topTopics: QueryResponse = {
  columns: [
    { name: 'topic', type: 'string' },
    { name: 'bytes_in', type: 'number' },
  ],
  rows: [
    ['acme.clickstream', 900],
    ['acme.orders', 500],
    [null, 20],
  ],
  compare: {
    columns: [],
    rows: [
      ['acme.orders', 450],
      ['acme.clickstream', 1000],
    ],
    interval: { start: new Date(T0 - DAY).toISOString(), end: new Date(T0 - DAY + 3 * MIN).toISOString() },
  },
  meta: meta('PT1M'),
};

export const FIXTURE_T0 = T0;
