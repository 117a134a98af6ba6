/**
 * The app on a config directory of a vendor's own: a new datasource and dashboard declared in
 * files only, every panel answered on the embedded engine; edits picked up while running, a
 * broken edit refused with its file and path while the last good config keeps serving.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDashboard, findDatasource, serveConfigDir, watchDeclarations } from '@/lib/dashboards/registry';
import { EmbeddedEngine } from '@/lib/engines/embedded';
import { rollupSql, tableSql } from '@/lib/ingest/declared';
import { answerPanel } from '@/lib/service/service';
import { FRESHNESS } from '@/lib/testing/embedded-world';
import type { OracleWorld } from '@/lib/testing/oracle';
import { oracleService } from '@/lib/testing/oracle-service';
import { ViewSchema } from '@/lib/view/schema';

const DATASOURCE = `# yaml-language-server: $schema=../schema/datasource.json
kind: datasource
id: api_requests
topic: vendor.api_requests
timeField: ts
tenantField: tenant
granularity: minute
dimensions: [{ name: endpoint }, { name: status_class }, { name: region }]
fields: [{ name: latency_ms, type: double }, { name: bytes, type: long }]
metrics:
  - { name: count, type: count }
  - { name: bytes, type: sum, field: bytes }
  - { name: latency_ms, type: sum, field: latency_ms }
  - { name: latency_ms_q, type: quantiles, field: latency_ms }
`;

const dashboard = (kpiTitle: string, kpiMeasures: string) => `kind: dashboard
id: api
title: API traffic
description: Requests to our API per customer.
datasource: api_requests
dimensions: [{ id: endpoint, label: Endpoint }, { id: status_class, label: Status }, { id: region, label: Region }]
measures:
  - { id: requests, label: Requests, format: count, type: count }
  - { id: errors, label: Errors, format: count, type: count, filter: { dimension: status_class, in: [5xx] } }
  - { id: error_rate, label: Error rate, format: percent, type: ratio, numerator: errors, denominator: requests }
  - { id: bytes, label: Bytes, format: bytes, type: sum, field: bytes }
  - { id: latency_avg, label: Avg latency, format: ms, type: avg, field: latency_ms }
  - { id: latency_p99, label: p99 latency, format: ms, type: quantile, field: latency_ms, p: 0.99 }
  - { id: endpoints, label: Endpoints, format: count, type: distinct, field: endpoint }
maxSpanDays: 30
defaultView: { range: { last: P1D } }
panels:
  - { id: kpis, title: ${kpiTitle}, type: kpi, span: 4, measures: [${kpiMeasures}] }
  - { id: requests_by_status, title: Requests by status, type: timeseries, measure: requests, split: status_class }
  - { id: slow_endpoints, title: Slowest endpoints, type: topn, dimension: endpoint, measure: latency_p99 }
  - { id: endpoints_table, title: Endpoints, type: table, dimensions: [endpoint, region], measures: [requests, error_rate, bytes] }
`;

const NOW = Date.parse('2026-12-01T12:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'pulse-vendor-'));
const file = join(dir, 'dashboards', 'api.yaml');
let engine: EmbeddedEngine;

beforeAll(async () => {
  mkdirSync(join(dir, 'datasources'));
  mkdirSync(join(dir, 'dashboards'));
  writeFileSync(join(dir, 'datasources', 'api_requests.yaml'), DATASOURCE);
  writeFileSync(file, dashboard('At a glance', 'requests, errors, error_rate, latency_p99'));
  serveConfigDir(dir);
  engine = await EmbeddedEngine.create({ threads: 1 });
  const conn = await engine.connect();
  await conn.run(tableSql(findDatasource('api_requests')!));
  // 2,000 requests per tenant over the last day: every 20th a 5xx, four endpoints, two regions.
  const raw = `SELECT to_timestamp(${NOW / 1000} - 86000 + i * 43) AS ts, t AS tenant, '/v1/' || (['orders', 'users', 'search', 'login'])[1 + i % 4] AS endpoint,
      CASE WHEN i % 20 = 0 THEN '5xx' ELSE '2xx' END AS status_class, (['eu', 'us'])[1 + i % 2] AS region, 5 + (i % 97)::DOUBLE AS latency_ms, 100 * i AS bytes
    FROM range(2000) r(i) CROSS JOIN (VALUES ('acme'), ('globex')) tenants(t)`;
  await conn.run(`INSERT INTO api_requests ${rollupSql(findDatasource('api_requests')!, raw)}`);
  conn.closeSync();
  for (const t of ['acme', 'globex']) engine.noteAppended('api_requests', t, NOW);
}, 60_000);
afterAll(() => engine?.close?.());

const service = () => {
  const world: OracleWorld = { engine, tenants: ['acme', 'globex'], clock: { now: NOW }, freshnessWindow: (now) => ({ start: now - FRESHNESS.lookbackMs, end: now + FRESHNESS.maxFutureMs }), values: () => [] };
  return oracleService(world, FRESHNESS)()[0]!;
};
const ask = (rt: ReturnType<typeof service>, panel: string) =>
  answerPanel(rt, { tenant: 'acme', locked: [], dashboard: 'api', panel, view: ViewSchema.parse({ range: { last: 'P1D' } }) }).then((a) => a.response);

describe('a datasource and dashboard declared only in config files', () => {
  it('answers every panel', async () => {
    const rt = service();
    const d = findDashboard('api')!;
    for (const p of d.panels) {
      const r = await ask(rt, p.id);
      expect(r.rows.length, p.id).toBeGreaterThan(0);
    }
    const kpi = await ask(rt, 'kpis');
    expect(kpi.columns.map((c) => c.name)).toEqual(['requests', 'errors', 'error_rate', 'latency_p99']);
    expect(kpi.rows[0]!.slice(0, 3)).toEqual([2000, 100, 0.05]);
  });

  it('serves an edited dashboard without a restart, refuses a broken edit naming file and path, and keeps the last good one', async () => {
    const rt = service();
    const logs: string[] = [];
    const stop = watchDeclarations({ intervalMs: 50, log: (l) => logs.push(l) });
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
      expect(ok()).toBe(true);
    };
    try {
      expect((await ask(rt, 'kpis')).columns).toHaveLength(4);
      writeFileSync(file, dashboard('Traffic', 'requests, bytes'));
      await until(() => findDashboard('api')!.panels[0]!.title === 'Traffic');
      expect(logs.at(-1)).toMatch(/^\[config\] reloaded 1 datasources, 1 dashboards .* in \d+ ms$/);
      // Same request as before: answered in the new shape, not from the cache of the old one.
      const edited = await ask(rt, 'kpis');
      expect(edited.columns.map((c) => c.name)).toEqual(['requests', 'bytes']);

      writeFileSync(file, dashboard('Broken', 'requests, nope'));
      await until(() => logs.some((l) => l.includes('refused')));
      expect(logs.find((l) => l.includes('refused'))).toContain(`${file}: panels[0]: unknown measure nope`);
      expect(findDashboard('api')!.panels[0]!.title).toBe('Traffic');
      expect((await ask(rt, 'kpis')).columns.map((c) => c.name)).toEqual(['requests', 'bytes']);
    } finally {
      stop();
    }
  });
});
