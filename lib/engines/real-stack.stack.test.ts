/**
 * The real stack, end to end: Kafka and Druid started by stack/up.sh (see stack/test.sh),
 * a fixed set of sample events produced once, ingested by Druid (Kafka supervisors) and by
 * the embedded engine (Kafka consumer) alike; then every shipped panel, under a spread of
 * views, must answer the same on both. Also measures freshness and checks cancellation.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Consumer } from '@platformatic/kafka';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BucketStore } from '@/lib/cache/bucket-store';
import { SharedStore } from '@/lib/cache/shared-store';
import { findDatasource, listDashboards } from '@/lib/dashboards/registry';
import { datasourceTiers } from '@/lib/dashboards/tiers';
import { tierParts } from '@/lib/query/tiers';
import { eventCountSql } from '@/lib/ingest/declared';
import type { Dashboard } from '@/lib/dashboards/schema';
import { startKafkaIngest } from '@/lib/ingest/kafka-ingest';
import { EventProducer } from '@/lib/ingest/kafka-producer';
import { SampleEventSource } from '@/lib/ingest/sample-events';
import { topicOf } from '@/lib/ingest/events';
import { sampleTables, type SampleTable } from '@/lib/ingest/sample-sql';
import { planPanel } from '@/lib/query/plan';
import { planRows } from '@/lib/query/rows';
import { ROWS_CAP } from '@/lib/contract/rows';
import { runSpec } from '@/lib/service/run-spec';
import { metrics } from '@/lib/metrics/registry';
import { runPlan } from '@/lib/service/run';
import { expectedAnswer, type CachedAnswer } from '@/lib/service/service';
import { compareCells, listsValues, recipe } from '@/lib/service/partials';
import { compareAnswers, rowsAgree } from '@/lib/testing/conformance';
import { druidWorld } from '@/lib/testing/druid-world';
import { exactPlanValues } from '@/lib/testing/exact-quantiles';
import { FRESHNESS } from '@/lib/testing/embedded-world';
import { untiered } from '@/lib/testing/tiers';
import { runScenario, scenarioArb } from '@/lib/testing/oracle';
import { oracleService } from '@/lib/testing/oracle-service';
import { startRedis } from '@/lib/testing/redis-server';
import { api, cookieFor } from '@/lib/testing/api-client';
import { ViewSchema, type ViewInput } from '@/lib/view/schema';
import { DruidEngine } from './druid';
import { EmbeddedEngine } from './embedded';
import type { Engine } from './engine';

/** Sequences of the differential oracle on Druid: each live tick waits for Druid to ingest its events. */
const ORACLE_RUNS = Number(process.env.ORACLE_RUNS ?? 60);
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const DRUID_URL = process.env.PULSE_DRUID_URL ?? 'http://127.0.0.1:8888';
process.env.PULSE_ENGINE = 'druid';
process.env.PULSE_QUERY_TIMEOUT_MS = '3000';
process.env.PULSE_DRUID_URL = DRUID_URL;
// The app on Druid is not demo mode: it needs a configured secret, and the demo accounts asked for.
process.env.PULSE_SECRET ??= 'stack-test-secret-0123456789abcdef0123456789';
process.env.PULSE_DEMO_USERS = 'on';

/**
 * A fixed set of events: two days of history up to the last whole hour but one. Recent, so
 * that both engines' ingest bounds (early/late message rejection) take every event.
 */
const ANCHOR_SEC = Math.floor(Date.now() / 3_600_000) * 3_600 - 3_600;
const START_SEC = ANCHOR_SEC - 2 * 86_400;
/**
 * And the same two hours before the anchor one to four weeks back: the history an expected range
 * of the last hour is made of (lib/query/expected.ts), so both engines answer it with real rows.
 */
const WEEK_S = 7 * 86_400;
const WEEKS_BACK = [1, 2, 3, 4].map((k) => [ANCHOR_SEC - k * WEEK_S - 2 * 3_600, ANCHOR_SEC - k * WEEK_S] as const);
const TENANTS = ['acme', 'globex', 'initech'];

// Tiers on (stack/test.sh submits the tier datasources' supervisors with PULSE_TIERS=on): Druid's answers
// read them where the planner splits a query into tier parts, and each is also compared with the ingest grain's.
const druid = new DruidEngine(DRUID_URL, { tiered: true });
let embedded: EmbeddedEngine;
let ingest: Awaited<ReturnType<typeof startKafkaIngest>>;
const produced = {} as Record<SampleTable, number>;

/** Events held: the rolled-up rows' counts on both engines (raw rows where a datasource has no rollup); on Druid, the least of the datasource's and its tiers'. */
const druidCount = async (t: SampleTable) => {
  const ds = findDatasource(t)!;
  const counts = await Promise.all(
    [ds.id, ...datasourceTiers(ds).map((tier) => tier.table)].map(async (table) => {
      const rows = await druid.query({ sql: eventCountSql({ ...ds, id: table }), params: [] }, { timeoutMs: 10_000, queryId: `count-${table}-${Date.now()}`, tz: 'UTC' }).catch(() => [[0]]);
      return Number(rows[0]?.[0] ?? 0);
    }),
  );
  return Math.min(...counts);
};
const embeddedCount = async (t: SampleTable) =>
  Number((await embedded.query({ sql: eventCountSql(findDatasource(t)!), params: [] }, { timeoutMs: 10_000, queryId: 'count', tz: 'UTC' }))[0]![0]);

/** Last progress seen while waiting, for the timeout message. */
let progress = '';

async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${progress})`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

beforeAll(async () => {
  const source = await SampleEventSource.create();
  const producer = new EventProducer(BROKERS);
  const started = performance.now();
  for (const t of sampleTables()) {
    produced[t] = await producer.send(t, await source.events(t, START_SEC, ANCHOR_SEC, 60, ANCHOR_SEC));
    for (const [from, to] of WEEKS_BACK) produced[t] += await producer.send(t, await source.events(t, from, to, 60, ANCHOR_SEC));
  }
  await producer.close();
  source.close();
  const total = Object.values(produced).reduce((a, b) => a + b, 0);
  console.log(`produced ${total} events (${JSON.stringify(produced)}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  embedded = await EmbeddedEngine.create();
  // Tiers on (the app's default is off): the embedded side answers through its rollup tiers, folded at
  // ingest, and each answer is also compared with the ingest grain's below.
  ingest = await startKafkaIngest(embedded, BROKERS, `conformance-${Date.now()}`, undefined, { tiers: true });
  await waitFor('the embedded engine to ingest every event', async () => {
    const counts = await Promise.all(sampleTables().map(embeddedCount));
    progress = `embedded ${JSON.stringify(counts)} of ${JSON.stringify(sampleTables().map((t) => produced[t]))}`;
    return sampleTables().every((t, i) => counts[i] === produced[t]);
  }, 600_000);
  console.log(`embedded engine had consumed all ${total} events ${((performance.now() - started) / 1000).toFixed(1)} s after the first was produced`);
  await waitFor('Druid to ingest every event', async () => {
    const counts = await Promise.all(sampleTables().map(druidCount));
    progress = `druid ${JSON.stringify(counts)} of ${JSON.stringify(sampleTables().map((t) => produced[t]))}`;
    return sampleTables().every((t, i) => counts[i]! >= produced[t]!);
  }, 600_000);
  console.log(`Druid had ingested all ${total} events ${((performance.now() - started) / 1000).toFixed(1)} s after the first was produced`);
}, 900_000);

afterAll(async () => {
  await ingest?.stop();
  await embedded?.close();
});

describe('ingestion', () => {
  it('both engines hold exactly the produced events, no more', async () => {
    for (const t of sampleTables()) {
      expect(await druidCount(t), `druid ${t}`).toBe(produced[t]);
      expect(await embeddedCount(t), `embedded ${t}`).toBe(produced[t]);
    }
  });
});

/** The view in which every time series asks for its expected range (the weeks before are produced for it). */
const EXPECTED_VIEW = '1h 5m no split, expected range';

/** A spread of views: defaults, zones with odd offsets, every compare kind, grains, filters, splits. */
function viewsFor(d: Dashboard, tenant: string): [string, ViewInput][] {
  const absolute = { start: new Date((ANCHOR_SEC - 30 * 3600) * 1000).toISOString(), end: new Date((ANCHOR_SEC - 6 * 3600) * 1000).toISOString() };
  const views: [string, ViewInput][] = [
    ['default', { ...d.defaultView, tz: 'UTC' }],
    ['6h LA 15m vs previous', { range: { last: 'PT6H' }, tz: 'America/Los_Angeles', grain: 'PT15M', compare: 'previous' }],
    ['1d Kolkata 1h vs day', { range: { last: 'P1D' }, tz: 'Asia/Kolkata', grain: 'PT1H', compare: 'P1D' }],
    ['absolute Berlin daily top-3', { range: absolute, tz: 'Europe/Berlin', grain: 'P1D', limit: 3 }],
    ['1h minutes, second split', { range: { last: 'PT1H' }, grain: 'PT1M', split: d.dimensions.at(-1)!.id }],
    ['7d no split vs week', { range: { last: 'P7D' }, split: null, compare: 'P1W' }],
    [EXPECTED_VIEW, { range: { last: 'PT1H' }, tz: 'UTC', grain: 'PT5M', split: null }],
  ];
  if (tenant === 'acme') views.push(['filters', { range: { last: 'P1D' }, tz: 'UTC', filters: FILTERS[d.datasource]! }]);
  return views;
}

const FILTERS: Record<string, ViewInput['filters']> = {
  cluster_metrics: [
    { dim: 'cluster', op: 'in', values: ['acme-prod-us'] },
    { dim: 'topic', op: 'not_in', values: ['acme.audit'] },
    { dim: 'client', op: 'contains', values: ['AN', 'bill'] },
  ],
  logins: [
    { dim: 'result', op: 'in', values: ['failure'] },
    { dim: 'country', op: 'not_in', values: ['SG'] },
    { dim: 'user', op: 'contains', values: ['a'] },
  ],
  sensor_readings: [
    { dim: 'location', op: 'contains', values: ['hq'] },
    { dim: 'sensor_id', op: 'not_in', values: ['acme-s04'] },
  ],
  alerts: [
    { dim: 'severity', op: 'in', values: ['warning', 'critical'] },
    { dim: 'message', op: 'contains', values: ['lag'] },
  ],
};

/** Each engine's end of a tenant's data, asked once per datasource: the fixed event set does not move. */
const untils = new Map<string, Promise<ReadonlyMap<string, number>>>();
async function untilOf(engine: Engine, datasource: SampleTable, tenant: string): Promise<number> {
  const key = `${engine.name}:${datasource}`;
  if (!untils.has(key)) {
    const until = engine.dataUntilByTenant(datasource, { start: Date.now() - FRESHNESS.lookbackMs, end: Date.now() });
    // A failed ask is not kept: the next dashboard over the datasource asks again.
    until.catch(() => untils.delete(key));
    untils.set(key, until);
  }
  return (await untils.get(key)!).get(tenant) ?? 0;
}

async function answer(engine: Engine, d: Dashboard, panelId: string, view: ViewInput, tenant: string, expected?: boolean) {
  const panel = d.panels.find((p) => p.id === panelId)!;
  const dataUntil = await untilOf(engine, d.datasource as SampleTable, tenant);
  const plan = planPanel({ dashboard: d, panel, view: ViewSchema.parse(view), tenant, dataUntil, expected });
  const opts = { timeoutMs: 30_000, queryId: `conf-${Date.now()}-${Math.random()}`, tz: plan.main.tz };
  const result = await runPlan(engine, plan, opts);
  return { plan, result, exact: () => exactPlanValues(engine, plan, opts) };
}

/** Query times (ms) of each panel kind on each engine, over the whole spread of views. */
const times = new Map<string, number[]>();
function timing(kind: string, e: { result: { queryMs: number } }, r: { result: { queryMs: number } }): string {
  for (const [engine, ms] of [['embedded', e.result.queryMs], ['druid', r.result.queryMs]] as const) times.set(`${kind} on ${engine}`, [...(times.get(`${kind} on ${engine}`) ?? []), ms]);
  return ` (embedded ${e.result.queryMs.toFixed(0)} ms, druid ${r.result.queryMs.toFixed(0)} ms)`;
}
function timesSummary(): string {
  return [...times]
    .map(([k, xs]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(0);
      return `${k}: ${sorted.length} answers, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`;
    })
    .join('\n');
}

describe('conformance: every panel, a spread of views, both engines', () => {
  const table: string[] = [];
  /** Buckets with a band answered by both engines: the produced weeks before must give the ranges something to be made of. */
  let bandsCompared = 0;
  afterAll(() => expect(bandsCompared, 'expected-range buckets compared').toBeGreaterThan(0));
  /** Druid specs answered from merged tier parts: the comparison with Druid's ingest grain is not vacuous. */
  let druidTierSpecs = 0;
  afterAll(() => expect(druidTierSpecs, 'Druid specs read from tiers').toBeGreaterThan(0));
  afterAll(() => console.log(`conformance table (panel × view × tenant: rows, result)\n${table.join('\n')}\nquery times by panel kind (plan run uncached, main + compare + trend)\n${timesSummary()}`));

  for (const d of listDashboards()) {
    it(d.id, async () => {
      const failures: string[] = [];
      for (const tenant of TENANTS) {
        for (const [name, view] of viewsFor(d, tenant)) {
          for (const panel of d.panels) {
            const expected = name === EXPECTED_VIEW && panel.type === 'timeseries' ? true : undefined;
            const e = await answer(embedded, d, panel.id, view, tenant, expected);
            const r = await answer(druid, d, panel.id, view, tenant, expected);
            expect(r.plan.interval, `${panel.id} / ${name}: same interval`).toEqual(e.plan.interval);
            const exact = await e.exact();
            // Columns are named by the query's own measures (a percentile panel's p50, p95, p99).
            const main = compareAnswers(e.plan.main, e.plan.columns, e.result.rows, r.result.rows, exact.main);
            const cmp = compareAnswers(e.plan.main, e.plan.columns, e.result.compareRows ?? [], r.result.compareRows ?? [], exact.compare);
            const trendColumns = [{ name: 't', type: 'time' as const }, ...e.plan.columns];
            const trend = e.plan.trend ? compareAnswers(e.plan.trend, trendColumns, e.result.trendRows ?? [], r.result.trendRows ?? [], exact.trend) : [];
            // The expected range: each week before as its own answer (a sketched quantile by its rank among the
            // exact values, like the main rows), then the band made of them where the weeks are exact measures.
            const weeks = (e.plan.expected ?? []).flatMap((spec, i) => compareAnswers(spec, e.plan.columns, e.result.expectedRows![i]!, r.result.expectedRows![i]!, exact.expected?.[i]));
            const sketched = e.plan.main.measures.some((m) => m.aggregate.type === 'quantile');
            const bands = e.plan.expected && !sketched ? [expectedAnswer(e.plan, e.result.rows, e.result.expectedRows!), expectedAnswer(r.plan, r.result.rows, r.result.expectedRows!)] as const : null;
            const m = e.plan.columns.at(-1)!;
            const bandColumns = [e.plan.columns[0]!, ...[1, 2, 3].map(() => m)];
            const band = bands ? compareAnswers(e.plan.main, bandColumns, bands[0].rows, bands[1].rows) : [];
            if (bands) bandsCompared += bands[0].rows.length;
            // The same plan on the embedded engine's ingest grain alone: tier answers equal it.
            const b = await answer(untiered(embedded), d, panel.id, view, tenant, expected);
            const tiersAgree = (tiered: typeof e, grain: typeof e, engine: string) =>
              [
                ...compareAnswers(e.plan.main, e.plan.columns, grain.result.rows, tiered.result.rows),
                ...compareAnswers(e.plan.main, e.plan.columns, grain.result.compareRows ?? [], tiered.result.compareRows ?? []),
                ...(e.plan.trend ? compareAnswers(e.plan.trend, trendColumns, grain.result.trendRows ?? [], tiered.result.trendRows ?? []) : []),
              ].map((x) => ({ ...x, column: `${x.column} (${engine} tiers vs ingest grain)` }));
            // Druid the same: its tier parts merged against one query of the ingest grain.
            const druidTiers = [r.plan.main, r.plan.compare, r.plan.trend].filter((s) => s !== null).filter((s) => tierParts(s, datasourceTiers(findDatasource(s.datasource)!), 'druid')).length;
            druidTierSpecs += druidTiers;
            const rb = druidTiers ? await answer(untiered(druid), d, panel.id, view, tenant, expected) : null;
            const tiers = [...tiersAgree(e, b, 'embedded'), ...(rb ? tiersAgree(r, rb, 'druid') : [])];
            const ok = main.length === 0 && cmp.length === 0 && trend.length === 0 && weeks.length === 0 && band.length === 0 && tiers.length === 0;
            const extra =
              `${e.result.compareRows ? ` + ${e.result.compareRows.length} compare` : ''}${e.result.trendRows ? ` + ${e.result.trendRows.length} trend` : ''}` +
              `${bands ? ` + ${bands[0].rows.length} band, ${bands[0].outside.length} unusual` : ''}`;
            table.push(`${d.id}/${panel.id} (${panel.type}) × ${name} × ${tenant}: ${e.result.rows.length} rows${extra}, ${ok ? 'equal' : 'DIFFERENT'}${timing(panel.type, e, r)}`);
            if (!ok) failures.push(`${panel.id} / ${name} / ${tenant}: ${JSON.stringify([...tiers, ...main, ...cmp, ...trend, ...weeks, ...band].slice(0, 3))}`);
          }
        }
      }
      expect(failures).toEqual([]);
    }, 600_000);
  }
});

describe('show the rows: the same stored rows on both engines', () => {
  it('every dashboard, the last 15 minutes (Berlin), then the rows of its newest row’s first value', async () => {
    const failures: string[] = [];
    for (const d of listDashboards()) {
      for (const tenant of TENANTS) {
        const rows = async (engine: Engine, values?: Record<string, string>) => {
          const dataUntil = await untilOf(engine, d.datasource as SampleTable, tenant);
          const view = ViewSchema.parse({ range: { last: 'PT15M' }, tz: 'Europe/Berlin' });
          const plan = planRows({ dashboard: d, panel: d.panels[0]!, view, at: values && { values }, tenant, dataUntil, limit: ROWS_CAP + 1 });
          return { plan, rows: await runSpec(engine, plan.spec, { timeoutMs: 30_000, queryId: `rows-${Date.now()}-${Math.random()}`, tz: view.tz }) };
        };
        const check = async (what: string, values?: Record<string, string>) => {
          const [e, r] = [await rows(embedded, values), await rows(druid, values)];
          expect(r.plan.interval, `${d.id} / ${tenant}: same interval`).toEqual(e.plan.interval);
          const columns = e.plan.columns.map((c) => ({ name: c.name, type: c.type }));
          const diff = compareAnswers(e.plan.spec, columns, e.rows, r.rows);
          if (diff.length) failures.push(`${d.id} / ${tenant} / ${what}: ${JSON.stringify(diff.slice(0, 3))}`);
          return e.rows;
        };
        const all = await check('whole view');
        expect(all.length, `${d.id} / ${tenant}: some rows`).toBeGreaterThan(0);
        const first = d.dimensions[0]!.id;
        if (all[0]![1] !== null) await check(`${first} = ${String(all[0]![1])}`, { [first]: String(all[0]![1]) });
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

describe('live totals on Druid: merged partials against the full answer', () => {
  // Where NULLs go decides which groups a merged top-N keeps: the service re-ranks as Druid orders.
  it('Druid orders NULLs as the smallest value, as compareCells with nullsSmallest does', async () => {
    for (const dir of ['asc', 'desc'] as const) {
      for (const by of ['d', 'm']) {
        const sql = `SELECT CASE WHEN "tenant" = 'acme' THEN NULL ELSE "tenant" END AS d, SUM(CASE WHEN "tenant" = 'globex' THEN NULL ELSE "count" END) AS m FROM "logins" GROUP BY 1 ORDER BY ${by} ${dir.toUpperCase()}`;
        const rows = await druid.query({ sql, params: [] }, { timeoutMs: 10_000, queryId: `nulls-${dir}-${by}-${Date.now()}`, tz: 'UTC' });
        const at = by === 'd' ? 0 : 1;
        expect(rows.map((r) => r[at]).some((c) => c === null), `${by} ${dir}: a NULL to place`).toBe(true);
        const ours = [...rows].sort((a, b) => compareCells(a[at]!, b[at]!, dir === 'asc' ? 1 : -1, true));
        expect(rows.map((r) => r[at]), `${by} ${dir}`).toEqual(ours.map((r) => r[at]));
      }
    }
  });

  it('every total panel: first answers and refreshes merged from stored buckets equal Druid\'s full answer in order; one with a sketch is asked in full', async () => {
    const count = async (name: 'incrementalRefreshes' | 'incrementalFallbacks', label: string) => (await metrics()[name].get()).values.filter((v) => Object.values(v.labels).includes(label)).reduce((n, v) => n + v.value, 0);
    const [merged0, sketched0] = [await count('incrementalRefreshes', 'totals'), await count('incrementalFallbacks', 'sketch')];
    const failures: string[] = [];
    let compared = 0;
    for (const d of listDashboards()) {
      for (const panel of d.panels.filter((p) => ['kpi', 'topn', 'table', 'sparkline'].includes(p.type))) {
        const columns = panel.type === 'table' ? [...panel.dimensions, ...panel.measures] : [];
        // Every column of a table as its sort, both ways: ties and NULLs at the cut are where orders differ.
        const sorts = columns.flatMap((by) => (['asc', 'desc'] as const).map((dir) => ({ sort: { by, dir } })));
        const views: ViewInput[] = [{ range: { last: 'P1D' }, grain: 'PT1H', tz: 'UTC' }, { range: { last: 'PT6H' }, grain: 'PT15M', tz: 'Asia/Kolkata', compare: 'previous', limit: 3 }];
        const sorted = sorts.map((s): ViewInput => ({ range: { last: 'P1D' }, tz: 'UTC', ...s }));
        for (const tenant of TENANTS) {
          const dataUntil = await untilOf(druid, d.datasource as SampleTable, tenant);
          for (const view of tenant === 'acme' ? [...views, ...sorted] : views) {
            const plan = planPanel({ dashboard: d, panel, view: ViewSchema.parse(view), tenant, dataUntil });
            const opts = { timeoutMs: 30_000, queryId: `merged-${Date.now()}-${Math.random()}`, tz: plan.main.tz };
            const live = { store: new BucketStore(64 << 20), key: `merged:${d.id}:${panel.id}`, dataUntil };
            const asked0 = await count('incrementalFallbacks', 'sketch');
            const [first, again] = [await runPlan(druid, plan, opts, live), await runPlan(druid, plan, opts, live)];
            // A distinct count or quantile is asked in full every time (its sketches do not union here), and a
            // quantiles sketch answers the same query a little differently each time: checked by the metric.
            if (plan.main.measures.map(recipe).some(listsValues)) {
              const asked = (await count('incrementalFallbacks', 'sketch')) - asked0;
              if (asked !== 2 * (plan.compare ? 2 : 1)) failures.push(`${d.id}/${panel.id} ${JSON.stringify(view)} ${tenant}: ${asked} totals asked in full for a sketch`);
              continue;
            }
            const full = await runPlan(druid, plan, opts);
            for (const [what, got] of [['first', first], ['refresh', again]] as const) {
              const problem = rowsAgree(plan.main, plan.columns, got.rows, full.rows) ?? (full.compareRows && rowsAgree(plan.main, plan.columns, got.compareRows ?? [], full.compareRows));
              if (problem) failures.push(`${d.id}/${panel.id} ${JSON.stringify(view)} ${tenant} (${what}): ${problem}`);
              compared++;
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    const [merged, sketched] = [(await count('incrementalRefreshes', 'totals')) - merged0, (await count('incrementalFallbacks', 'sketch')) - sketched0];
    console.log(`live totals on Druid: ${compared} answers equal to the full query, ${merged} refreshes merged from stored buckets, ${sketched} asked in full (a sketch)`);
    expect(merged, 'refreshes merged on Druid').toBeGreaterThan(0);
    expect(sketched, 'totals with a sketch asked in full').toBeGreaterThan(0);
  }, 600_000);
});

describe('differential oracle on Druid, two app instances sharing Redis', () => {
  it('answers every sequence of user requests as the uncached service would', async () => {
    const redis = await startRedis();
    const client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    const producer = new EventProducer(BROKERS);
    const source = await SampleEventSource.create();
    try {
      const world = await druidWorld({ druid, producer, source, tenants: TENANTS, anchorSec: ANCHOR_SEC, count: druidCount, exact: { engine: embedded, count: embeddedCount } });
      let sequence = 0;
      const service = oracleService(world, FRESHNESS, {
        instances: 2,
        // A fresh key space per sequence: each sequence's history starts empty, as its caches do.
        shared: () => new SharedStore<CachedAnswer>(client, { prefix: `oracle:${sequence++}:`, lockMs: 30_000, pollMs: 5 }, () => world.clock.now),
      });
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(scenarioArb, async (scenario) => {
          const problem = await runScenario(world, service, scenario);
          if (problem) throw new Error(problem);
        }),
        { numRuns: ORACLE_RUNS, seed: 20261203, endOnFailure: true },
      );
      console.log(`oracle on Druid: ${ORACLE_RUNS} sequences, two instances sharing Redis, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      client.disconnect();
      source.close();
      await producer.close();
      await redis.stop();
    }
  }, 900_000);
});

describe('cancellation', () => {
  it('an aborted request cancels its running Druid query', async () => {
    const cancelled = async () => (await metrics().engineCancels.get()).values.find((v) => v.labels.result === 'cancelled')?.value ?? 0;
    const before = await cancelled();
    // A self-join over the fixed event set: seconds of work for Druid, long enough to be cancelled mid-way.
    const slow = {
      sql: 'SELECT COUNT(*) FROM "logins" a JOIN (SELECT "user", "country" FROM "logins") b ON a."user" = b."user" WHERE a."tenant" = ?',
      params: [{ type: 'VARCHAR' as const, value: 'acme' }],
    };
    const client = new AbortController();
    const started = performance.now();
    const pending = druid.query(slow, { timeoutMs: 60_000, queryId: `cancel-${Date.now()}`, tz: 'UTC', signal: client.signal });
    setTimeout(() => client.abort(), 300);
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    for (let i = 0; i < 50 && (await cancelled()) === before; i++) await new Promise((r) => setTimeout(r, 100));
    console.log(`cancel: client gone after 300 ms, Druid confirmed the cancel (202) within ${Math.round(performance.now() - started)} ms`);
    expect(await cancelled()).toBe(before + 1);
  });
});

describe('events stamped too far ahead', () => {
  it('are held back by the embedded ingest and rejected by Druid, and move no tenant\'s "now"', async () => {
    const producer = new EventProducer(BROKERS);
    const run = Date.now().toString(36);
    const onTime = { ts: Date.now() - 60_000, tenant: 'initech', user: `on-time-${run}@initech.test`, country: 'US', method: 'sso', result: 'success' };
    const ahead = { ...onTime, ts: Date.now() + 3_600_000, user: `ahead-${run}@initech.test` };
    const window = { start: 0, end: Date.now() + FRESHNESS.maxFutureMs };
    const held = async () => (await metrics().ingestHeld.get()).values.find((v) => v.labels.reason === 'future' && v.labels.topic === 'pulse.logins')?.value ?? 0;
    const heldBefore = await held();
    await producer.send('logins', [ahead, onTime]);
    await producer.close();
    const users = async (engine: Engine) => {
      const sql = `SELECT "user" FROM "logins" WHERE "user" IN (?, ?)`;
      const rows = await engine.query({ sql, params: [onTime.user, ahead.user].map((value) => ({ type: 'VARCHAR' as const, value })) }, { timeoutMs: 10_000, queryId: `ahead-${Date.now()}`, tz: 'UTC' });
      return rows.map((r) => r[0]);
    };
    // Both engines take the on-time event; by then the one from the future has been judged too.
    await waitFor('both engines to ingest the on-time event', async () => (await users(embedded)).includes(onTime.user) && (await users(druid)).includes(onTime.user), 120_000);
    expect(await users(embedded)).toEqual([onTime.user]);
    expect(await users(druid)).toEqual([onTime.user]);
    expect(await held()).toBe(heldBefore + 1);
    const kept = await embedded.query({ sql: `SELECT count(*) FROM ingest_held WHERE event LIKE ?`, params: [{ type: 'VARCHAR', value: `%${ahead.user}%` }] }, { timeoutMs: 10_000, queryId: 'held', tz: 'UTC' });
    expect(Number(kept[0]![0])).toBe(1);
    for (const engine of [embedded, druid] as Engine[]) {
      const until = (await engine.dataUntilByTenant('logins', window)).get('initech')!;
      expect(until, engine.name).toBeLessThan(window.end);
      // Both engines roll timestamps up to the minute.
      expect(until, engine.name).toBeGreaterThan(Math.floor(onTime.ts / 60_000) * 60_000);
    }
  }, 180_000);
});

describe('freshness on Druid through POST /api/query', () => {
  it('makes a produced event visible within seconds', async () => {
    const cookie = await cookieFor('demo@acme.test');
    const producer = new EventProducer(BROKERS);
    const latencies: number[] = [];
    const run = Date.now().toString(36);
    for (let i = 0; i < 20; i++) {
      const user = `fresh-${run}-${i}@acme.test`;
      const sentAt = performance.now();
      await producer.send('logins', [{ ts: Date.now(), tenant: 'acme', user, country: 'US', method: 'sso', result: 'success' }]);
      for (let poll = 0; ; poll++) {
        // A new nonce each poll gives a new cache key, so every poll asks Druid.
        const view = { range: { last: 'PT15M' }, filters: [{ dim: 'user', op: 'in', values: [user, `nonce-${poll}`] }] };
        const r = await api.query({ dashboard: 'security-logins', panel: 'users', view }, cookie);
        expect(r.status).toBe(200);
        if (r.body.rows.some((row: unknown[]) => row[0] === user)) break;
        if (performance.now() - sentAt > 60_000) throw new Error(`${user} not visible after 60 s`);
        await new Promise((res) => setTimeout(res, 50));
      }
      latencies.push(performance.now() - sentAt);
    }
    await producer.close();
    latencies.sort((a, b) => a - b);
    const p = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
    console.log(`freshness produce → visible in API (ms): p50 ${p(0.5)}, p95 ${p(0.95)}, max ${p(1)}`);
    expect(latencies).toHaveLength(20);
  }, 600_000);
});

describe('faults on the real Druid', () => {
  const stackCmd = (cmd: string) => execSync(cmd, { cwd: process.cwd(), stdio: 'pipe', timeout: 300_000 }).toString();
  const routerPid = () => Number(readFileSync('stack/var/pids/router.pid', 'utf8'));

  it('times out a slow query at the engine timeout: Druid stops it and the API says 504', async () => {
    const slow = { sql: 'SELECT COUNT(*) FROM "logins" a JOIN (SELECT "user" FROM "logins") b ON a."user" = b."user"', params: [] };
    await expect(druid.query(slow, { timeoutMs: 200, queryId: `slow-${Date.now()}`, tz: 'UTC' })).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('serves seen views stale and new views 503 while Druid is down, then recovers by itself', async () => {
    const cookie = await cookieFor('demo@acme.test');
    const seen = { dashboard: 'cluster-overview', panel: 'kpis', view: { range: { last: 'P1D' }, tz: 'UTC' } };
    const fresh = { ...seen, view: { ...seen.view, tz: 'Europe/Paris' } };
    expect((await api.query(seen, cookie)).status).toBe(200);
    process.kill(routerPid(), 'SIGTERM');
    await waitFor('the router to stop', async () => {
      try {
        await fetch(`${DRUID_URL}/status/health`);
        return false;
      } catch {
        return true;
      }
    }, 60_000);
    await new Promise((r) => setTimeout(r, 6_000)); // past the live TTL: the entry is stale now
    const stale = await api.query(seen, cookie);
    expect(stale.status).toBe(200);
    expect(stale.body.meta.cache).toBe('stale');
    const down = await api.query(fresh, cookie);
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('engine_unavailable');
    stackCmd('bash stack/up.sh');
    await waitFor('the API to answer the new view again', async () => (await api.query(fresh, cookie)).status === 200, 120_000);
    console.log(`faults: stale served while down (age ${stale.body.meta.ageMs} ms), 503 for an unseen view, recovered after restart`);
  }, 300_000);
});

describe('faults: the app restarts during Kafka ingestion', () => {
  type Counts = Record<SampleTable, number>;

  /** Events in the topics now: the end offsets less the earliest, summed over partitions. */
  async function inKafka(): Promise<Counts> {
    const consumer = new Consumer({ groupId: `count-${Date.now()}`, clientId: 'pulseboard-test', bootstrapBrokers: BROKERS });
    try {
      const topics = sampleTables().map(topicOf);
      const [end, start] = [await consumer.listOffsets({ topics, timestamp: -1n }), await consumer.listOffsets({ topics, timestamp: -2n })];
      const sum = (t: SampleTable) => end.get(topicOf(t))!.reduce((s, o, p) => s + Number(o - start.get(topicOf(t))![p]!), 0);
      return Object.fromEntries(sampleTables().map((t) => [t, sum(t)])) as Counts;
    } finally {
      await new Promise<void>((r) => consumer.close(true, () => r()));
    }
  }

  /** The ingest as its own process on a DuckDB file; resolves each counts line it prints. */
  function worker(path: string, group: string) {
    const proc: ChildProcess = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/testing/ingest-worker.ts', path, group, BROKERS.join(',')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let latest: Counts | null = null;
    let pending = '';
    proc.stdout!.on('data', (c: Buffer) => {
      pending += c.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      if (lines.length) latest = JSON.parse(lines.at(-1)!) as Counts;
    });
    const exited = new Promise<void>((r) => (proc.exitCode !== null ? r() : proc.once('exit', () => r())));
    return { proc, latest: () => latest, exited };
  }

  it('kills the ingest mid-stream with SIGKILL; the restart resumes with no event lost or doubled', async () => {
    const expected = await inKafka();
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    const dir = mkdtempSync(join(tmpdir(), 'pulse-restart-'));
    const path = join(dir, 'ingest.duckdb');
    const group = `restart-${Date.now()}`;
    try {
      const first = worker(path, group);
      const sum = (c: Counts | null) => (c ? Object.values(c).reduce((a, b) => a + b, 0) : 0);
      await waitFor('the first worker to ingest part of the events', async () => sum(first.latest()) > 0, 120_000);
      const atKill = sum(first.latest());
      first.proc.kill('SIGKILL');
      await first.exited;
      expect(atKill).toBeLessThan(total); // it really was killed mid-stream

      const second = worker(path, group);
      try {
        await waitFor('the restarted worker to catch up', async () => sum(second.latest()) >= total, 300_000);
        await new Promise((r) => setTimeout(r, 1_000)); // anything doubled would show up by now
        expect(second.latest()).toEqual(expected);
        console.log(`restart: killed at ${atKill} of ${total} events; after restart exactly ${sum(second.latest())}, per table equal to Kafka`);
      } finally {
        second.proc.kill('SIGKILL');
        await second.exited;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
