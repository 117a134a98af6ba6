/**
 * The golden SQL of every fixture, run on DuckDB over rows chosen to exercise it (tenants,
 * NULLs, quotes, DST changes, buckets at the edges) and compared with the same question
 * answered in plain TypeScript. The golden files fix the SQL's shape; this proves it is right.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Aggregate } from '@/lib/dashboards/measure';
import { findDatasource, listDatasources } from '@/lib/dashboards/registry';
import type { Row } from '@/lib/sql/cells';
import { rollupSql, schemaSql } from '@/lib/ingest/declared';
import { exactly, rowsAgree } from '@/lib/testing/conformance';
import { floorToGrain, hourOfWeek } from '@/lib/view/zoned';
import { compile } from './compile';
import { SPEC_FIXTURES } from './fixtures';
import type { QuerySpec } from './spec';

type Rec = Record<string, string | number | null> & { ts: number; tenant: string };

/** A small deterministic generator (mulberry32), so the rows are the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GRANULARITY_MS = { none: 1, minute: 60_000, hour: 3_600_000 } as const;
const FROM = Date.parse('2026-08-25T00:00:00Z');
const TO = Date.parse('2026-11-26T00:00:00Z');

function dataset(): { logins: Rec[]; cluster_metrics: Rec[]; sensor_readings: Rec[] } {
  const rnd = random(7);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  // Timestamps cluster near the fixtures' edges (days, DST changes) as well as spread out.
  const edges = ['2026-11-24T00:00:00Z', '2026-11-25T00:00:00Z', '2026-10-25T01:00:00Z', '2026-11-01T09:00:00Z', '2026-11-02T08:00:00Z'].map(Date.parse);
  const ts = () => (rnd() < 0.5 ? Math.floor(FROM + rnd() * (TO - FROM)) : pick(edges) + Math.floor((rnd() - 0.5) * 4 * 3_600_000));
  const logins = Array.from({ length: 4_000 }, () => ({
    ts: ts(),
    tenant: pick(['acme', 'acme', 'globex']),
    user: pick(['ann', 'Joanna', "O'Brien", 'bob', 'carl', null]),
    country: pick(['US', 'DE', 'SG', 'FR', null]),
    method: pick(['sso', 'password', 'token', null]),
    result: pick(['success', 'success', 'failure']),
  }));
  const cluster_metrics = Array.from({ length: 3_000 }, () => ({
    ts: ts(),
    tenant: pick(['acme', 'globex']),
    cluster: pick(['acme-prod-us', 'acme-prod-eu', null]),
    broker: pick(['b1', 'b2', 'b3']),
    topic: pick(['orders', 'payments', null]),
    client: 'c',
    bytes_in: Math.floor(rnd() * 10_000),
    bytes_out: 0,
    messages_in: 0,
    request_latency_ms: Math.round(rnd() * 1000) / 8,
    consumer_lag: Math.floor(rnd() * 500),
    errors: 0,
    under_replicated: 0,
  }));
  const sensor_readings = Array.from({ length: 2_000 }, () => {
    const c = Math.round((15 + rnd() * 15) * 10) / 10;
    return { ts: ts(), tenant: pick(['acme', 'globex']), sensor_id: pick(['s1', 's2', 's3', null]), location: pick(['lab', 'cellar', "o'hare", null]), temperature_c: c, temperature_f: (c * 9) / 5 + 32 };
  });
  return { logins, cluster_metrics, sensor_readings };
}

/** What each typed aggregate means, in plain TypeScript over the rows of one group. */
function evaluate(a: Aggregate, rows: Rec[]): number | null {
  if (a.type === 'ratio') {
    const [num, den] = [evaluate(a.numerator, rows), evaluate(a.denominator, rows)];
    return num === null || den === null || den === 0 ? null : num / den;
  }
  const kept = a.filter ? rows.filter((r) => r[a.filter!.dimension] !== null && a.filter!.in.includes(String(r[a.filter!.dimension]))) : rows;
  const values = a.field ? kept.map((r) => r[a.field!]).filter((v) => v !== null) : [];
  const nums = values.map(Number);
  const sum = nums.length ? nums.reduce((x, y) => x + y, 0) : null;
  switch (a.type) {
    case 'count':
      return kept.length;
    case 'sum':
      return sum;
    case 'min':
      return nums.length ? Math.min(...nums) : null;
    case 'max':
      return nums.length ? Math.max(...nums) : null;
    case 'avg':
      return sum === null ? null : sum / kept.length;
    case 'distinct':
      return new Set(values).size;
    case 'quantile': {
      if (!nums.length) return null;
      // quantile_cont: linear interpolation between the two nearest ranks.
      const sorted = nums.sort((x, y) => x - y);
      const pos = a.p! * (sorted.length - 1);
      const lo = Math.floor(pos);
      return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (pos - lo);
    }
  }
}

function matches(r: Rec, f: QuerySpec['filters'][number]): boolean {
  const v = r[f.dim];
  if (f.op === 'in') return v !== null && f.values.includes(String(v));
  if (f.op === 'not_in') return v === null || !f.values.includes(String(v));
  return v !== null && f.values.some((x) => String(v).toLowerCase().includes(x.toLowerCase()));
}

/** The fixture's question answered without SQL. */
function expected(spec: QuerySpec, all: Rec[]): Row[] {
  const rows = all.filter((r) => r.tenant === spec.tenant && r.ts >= spec.interval.start && r.ts < spec.interval.end && spec.filters.every((f) => matches(r, f)));
  const groups = new Map<string, { key: Row; rows: Rec[] }>();
  for (const r of rows) {
    const key: Row = [];
    if (spec.bucket) key.push(floorToGrain(r.ts, spec.bucket, spec.tz));
    for (const part of spec.timeParts ?? []) key.push(hourOfWeek(r.ts, spec.tz)[part]);
    spec.dimensions.forEach((d, i) => {
      const v = r[d] ?? null;
      key.push(i === 0 && spec.keepValues && !spec.keepValues.includes(String(v)) ? null : v);
    });
    const k = JSON.stringify(key);
    if (!groups.has(k)) groups.set(k, { key, rows: [] });
    groups.get(k)!.rows.push(r);
  }
  // No grouping: one row, even over no data.
  if (!spec.bucket && spec.dimensions.length === 0 && groups.size === 0) groups.set('[]', { key: [], rows: [] });
  const out = [...groups.values()].map((g) => [...g.key, ...spec.measures.map((m) => evaluate(m.aggregate, g.rows))]);
  const names = [...(spec.bucket ? ['t'] : []), ...(spec.timeParts ?? []), ...spec.dimensions, ...spec.measures.map((m) => m.id)];
  out.sort((a, b) => {
    for (const o of spec.orderBy) {
      const i = names.indexOf(o.column);
      const [x, y] = [a[i], b[i]];
      if (x === y) continue;
      if (x === null) return 1; // NULLs last, as DuckDB orders them
      if (y === null) return -1;
      const c = (x as number | string) < (y as number | string) ? -1 : 1;
      return o.dir === 'asc' ? c : -c;
    }
    return 0;
  });
  return out.slice(0, spec.limit);
}

let duck: DuckDBConnection;
const data = dataset();
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(schemaSql(listDatasources()));
  for (const [table, rows] of Object.entries(data)) {
    const cols = Object.keys(rows[0]!);
    const values = cols.map((c) => `${c === 'ts' ? 'make_timestamp(e.ts::BIGINT * 1000)' : `e."${c}"`} AS "${c}"`).join(', ');
    const structure = JSON.stringify([Object.fromEntries(cols.map((c) => [c, typeof rows[0]![c] === 'number' ? 'DOUBLE' : 'VARCHAR']))]);
    // Rolled up as ingest rolls them: the same rows, in the shape both engines keep.
    const raw = `SELECT ${values} FROM (SELECT unnest(from_json($1, '${structure}')) AS e)`;
    await duck.run(`INSERT INTO ${table} ${rollupSql(findDatasource(table)!, raw)}`, [JSON.stringify(rows)]);
  }
});
afterAll(() => duck.closeSync());

describe.each(Object.entries(SPEC_FIXTURES))('the DuckDB SQL of %s', (_name, spec) => {
  it('answers what the fixture asks, as plain TypeScript computes it', async () => {
    const q = compile(spec, 'duckdb');
    const got = (await duck.runAndReadAll(q.sql, q.params.map((p) => p.value))).getRowsJS().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v))) as Row[];
    // Time as the rollup truncates it; every aggregate is the same over the rolled-up rows.
    const size = GRANULARITY_MS[findDatasource(spec.datasource)!.granularity];
    const want = expected(spec, data[spec.datasource as keyof typeof data].map((r) => ({ ...r, ts: r.ts - (r.ts % size) })));
    expect(want.length, 'the fixture selects some rows').toBeGreaterThan(0);
    const columns = [
      ...(spec.bucket ? [{ name: 't', type: 'time' as const }] : []),
      ...(spec.timeParts ?? []).map((name) => ({ name, type: 'ordinal' as const })),
      ...spec.dimensions.map((name) => ({ name, type: 'string' as const })),
      ...spec.measures.map((m) => ({ name: m.id, type: 'number' as const })),
    ];
    // Distinct counts are exact on DuckDB: no sketch tolerance here.
    expect(rowsAgree(exactly(spec.measures), columns, got, want)).toBeNull();
  });
});
