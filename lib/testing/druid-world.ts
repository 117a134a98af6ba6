/**
 * The oracle's world on the real Druid: the stack suite's fixed event set up to `anchorSec`,
 * and live ticks that produce the next seconds of sample events to Kafka for some tenants and
 * wait until Druid's supervisors have ingested every one of them. An exact engine consuming
 * the same topics (the embedded one) gives the exact values Druid's sketched quantiles are
 * judged against; ticks wait for it too, so both hold the same data.
 */
import { randomUUID } from 'node:crypto';
import type { DatasourceId } from '@/lib/dashboards/datasources';
import { listDatasources } from '@/lib/dashboards/registry';
import type { DruidEngine } from '@/lib/engines/druid';
import type { Engine } from '@/lib/engines/engine';
import type { EventProducer } from '@/lib/ingest/kafka-producer';
import { sampleTables, type SampleTable } from '@/lib/ingest/sample-sql';
import type { SampleEventSource } from '@/lib/ingest/sample-events';
import { FRESHNESS } from './embedded-world';
import { exactPlanValues } from './exact-quantiles';
import type { OracleWorld } from './oracle';

export async function druidWorld(args: {
  druid: DruidEngine;
  producer: EventProducer;
  source: SampleEventSource;
  tenants: string[];
  anchorSec: number;
  /** Events an engine holds per table now (its rollup's "count" summed, or rows where there is no rollup). */
  count: (table: SampleTable) => Promise<number>;
  /** An engine with exact quantiles that ingests the same topics, and its count. */
  exact: { engine: Engine; count: (table: SampleTable) => Promise<number> };
}): Promise<OracleWorld> {
  const { druid, producer, source, tenants, anchorSec } = args;
  const opts = { timeoutMs: 30_000, tz: 'UTC' };
  const values = new Map<string, string[]>();
  for (const { id: datasource, dimensions } of listDatasources()) {
    for (const { name: dim } of dimensions) {
      const sql = `SELECT DISTINCT "${dim}" FROM "${datasource}" WHERE "${dim}" IS NOT NULL ORDER BY 1 LIMIT 41`;
      const rows = await druid.query({ sql, params: [] }, { ...opts, queryId: `oracle-values-${randomUUID()}` });
      values.set(`${datasource}.${dim}`, rows.map((r) => String(r[0])));
    }
  }
  // What each engine must hold once a tick's events are in: what it holds now, plus each tick's.
  const engines = await Promise.all(
    [{ name: 'Druid', count: args.count }, { name: 'the exact engine', count: args.exact.count }].map(async (e) => ({
      ...e,
      expected: new Map(await Promise.all(sampleTables().map(async (t) => [t, await e.count(t)] as const))),
    })),
  );
  const until = new Map(tenants.map((t) => [t, anchorSec * 1000]));

  return {
    engine: druid,
    tenants,
    clock: { now: anchorSec * 1000 },
    freshnessWindow: (now) => ({ start: now - FRESHNESS.lookbackMs, end: now + FRESHNESS.maxFutureMs }),
    values: (datasource: DatasourceId, dim: string) => values.get(`${datasource}.${dim}`) ?? [],
    // Ticks stay short: the events must remain in the past of the real clock, which Druid's
    // early-message rejection and segment granularity work against.
    maxTickMs: 30_000,
    async append(which, toMs) {
      for (const tenant of which) {
        const fromSec = Math.floor(until.get(tenant)! / 1000);
        const toSec = Math.floor(toMs / 1000);
        if (toSec <= fromSec) continue;
        for (const table of sampleTables()) {
          const events = (await source.events(table, fromSec, toSec, 1, anchorSec)).filter((e) => e.tenant === tenant);
          const sent = await producer.send(table, events);
          for (const { expected } of engines) expected.set(table, expected.get(table)! + sent);
        }
        until.set(tenant, toSec * 1000);
      }
      const deadline = Date.now() + 120_000;
      for (const { name, count, expected } of engines) {
        for (const table of sampleTables()) {
          while ((await count(table)) < expected.get(table)!) {
            if (Date.now() > deadline) throw new Error(`${name} did not ingest the ${table} events of a tick within 120 s`);
            await new Promise((r) => setTimeout(r, 250));
          }
        }
      }
    },
    exact: (plan, opts) => exactPlanValues(args.exact.engine, plan, opts),
  };
}
