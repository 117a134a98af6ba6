/**
 * The producer's log: sample events sent to Kafka (acks=all, idempotent: EventProducer), counted
 * per datasource and tenant once the send is acknowledged, and Druid's own counts to hold against it.
 */
import { findDatasource } from '@/lib/dashboards/registry';
import { eventCountByTenantSql } from '@/lib/ingest/declared';
import { EventProducer } from '@/lib/ingest/kafka-producer';
import { SampleEventSource } from '@/lib/ingest/sample-events';
import { sampleTables, type SampleTable } from '@/lib/ingest/sample-sql';
import { brokerSql, sleep } from './control';

/** "datasource/tenant" -> events. */
export type Counts = Map<string, number>;

export class Ledger {
  readonly produced: Counts = new Map();
  private live: Promise<void> | undefined;
  private stopLive = false;

  private constructor(
    private readonly producer: EventProducer,
    private readonly source: SampleEventSource,
    readonly tables: SampleTable[],
  ) {}

  /** `tables`: the datasources it produces (all sample tables unless another producer feeds some). */
  static async open(brokers: string[], tables: SampleTable[] = sampleTables()): Promise<Ledger> {
    return new Ledger(new EventProducer(brokers), await SampleEventSource.create(), tables);
  }

  /** Produces every datasource's sample events of [startSec, endSec) (one step a minute). */
  async produce(startSec: number, endSec: number, stepSec = 60): Promise<number> {
    let total = 0;
    for (const t of this.tables) {
      const events = await this.source.events(t, startSec, endSec, stepSec, endSec);
      await this.producer.send(t, events); // resolves once every batch is acknowledged by the brokers
      const field = findDatasource(t)!.tenantField;
      for (const e of events) this.add(`${t}/${String(e[field])}`, 1);
      total += events.length;
    }
    return total;
  }

  /** Keeps producing the last seconds of events every `everyMs` until `pause()`; a failed send fails the suite. */
  startLive(everyMs = 2_000): void {
    this.stopLive = false;
    let from = Math.floor(Date.now() / 1000);
    this.live = (async () => {
      while (!this.stopLive) {
        await sleep(everyMs);
        const to = Math.floor(Date.now() / 1000);
        if (to > from) await this.produce(from, to, 1);
        from = to;
      }
    })();
    this.live.catch(() => {}); // reported by pause(), not as an unhandled rejection when it happens
  }

  async pause(): Promise<void> {
    this.stopLive = true;
    await this.live;
  }

  total(): number {
    return [...this.produced.values()].reduce((a, b) => a + b, 0);
  }

  /** Stops and closes; a failed live send was pause()'s to report. */
  async close(): Promise<void> {
    this.stopLive = true;
    await this.live?.catch(() => {});
    await this.producer.close();
    this.source.close();
  }

  private add(key: string, n: number) {
    this.produced.set(key, (this.produced.get(key) ?? 0) + n);
  }
}

/** Druid's events per datasource and tenant, asked of the Broker. */
export async function druidCounts(broker: string, tables: SampleTable[] = sampleTables()): Promise<Counts> {
  const counts: Counts = new Map();
  for (const t of tables) {
    for (const [tenant, n] of await brokerSql(broker, eventCountByTenantSql(findDatasource(t)!))) counts.set(`${t}/${String(tenant)}`, Number(n));
  }
  return counts;
}

/** The keys where two counts differ, as "key: a vs b" (empty when equal). */
export function differences(a: Counts, b: Counts): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].sort().flatMap((k) => ((a.get(k) ?? 0) === (b.get(k) ?? 0) ? [] : [`${k}: ${a.get(k) ?? 0} vs ${b.get(k) ?? 0}`]));
}
