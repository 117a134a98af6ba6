/**
 * The pipeline's load, shared by the cluster suites (cluster/): sensor readings (4 every 100 ms) and login
 * episodes (a 5-minute window a second, one acme spike per 16 windows) sent with an idempotent
 * acks=all producer. Every acknowledged event is logged with its tenant; a failed send is counted
 * and never retried (a resend could write the event twice), its events kept as unacknowledged.
 */
import { SAMPLE_TENANTS } from '@/lib/auth/tenants';
import { Kafka, byTs, logins, waitFor } from './pipeline-kit';
import { TopicReader } from './topic-reader';

export const SENSORS = SAMPLE_TENANTS.flatMap((t) => t.sensors.map(([id, location, base]) => ({ id, tenant: t.id, location, base })));
export const SENSOR = new Map(SENSORS.map((s) => [s.id, s]));
export const W = 5 * 60_000; // login_spike window (config/alert-rules.json)
export const EPISODE = 16; // windows per login episode: the spike in window 13, closed by windows 14 and 15
export const SPIKE_WINDOW = 13;
const SPIKE = { acme: 61, globex: 20, initech: 10 } as const; // only acme's passes its threshold (30)

export type Event = { key: string; value: string; id: string; tenant: string };
export const readingId = (r: { sensor_id: string; ts: number }) => `${r.sensor_id}@${r.ts}`;
export const loginId = (l: { tenant: string; ts: number; user: string }) => `${l.tenant}@${l.ts}@${l.user}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class PipelineLoad {
  readonly kafka: Kafka;
  /** The producer's log: "topic:event id" -> tenant, acknowledged (acks=all) or failed sends. */
  readonly acked = new Map<string, string>();
  readonly failed = new Map<string, string>();
  readonly stats = { sends: 0, errors: 0 };
  /** Each send: when it started, how long it took (the producer stalls rather than fails while partitions move). */
  readonly sendLog: { at: number; ms: number }[] = [];
  /** Each login episode's first window start. */
  readonly episodes: number[] = [];
  /** The id of the last acknowledged reading. */
  lastReading = '';
  lastTs = 0;
  private producing = false;
  private loops: Promise<void>[] = [];
  private readonly episodesFrom: number;

  /** `episodesFrom`: the event time of the first login window (default 200 episodes back, so the run stays in the past). */
  constructor(brokers: string[], opts: { episodesFrom?: number } = {}) {
    this.kafka = new Kafka(brokers);
    this.episodesFrom = opts.episodesFrom ?? Math.floor(Date.now() / W) * W - 200 * EPISODE * W;
  }

  start(): void {
    this.producing = true;
    this.loops = [this.produceReadings(), this.produceLogins()];
  }

  async stop(): Promise<void> {
    this.producing = false;
    await Promise.all(this.loops);
  }

  nextTs(): number {
    return (this.lastTs = Math.max(this.lastTs + 1, Date.now()));
  }

  reading(s: (typeof SENSORS)[number], ts = this.nextTs()): Event {
    return { key: s.id, value: JSON.stringify({ sensor_id: s.id, temperature: s.base, timestamp: ts }), id: `${s.id}@${ts}`, tenant: s.tenant };
  }

  async send(topic: string, events: Event[]): Promise<void> {
    this.stats.sends++;
    const at = Date.now();
    try {
      await this.kafka.send(topic, events);
      this.sendLog.push({ at, ms: Date.now() - at });
      for (const e of events) this.acked.set(`${topic}:${e.id}`, e.tenant);
      if (topic === 'pulse.sensor_raw') this.lastReading = events.at(-1)!.id;
    } catch {
      this.stats.errors++;
      for (const e of events) this.failed.set(`${topic}:${e.id}`, e.tenant);
    }
  }

  /** One reading of no known sensor (a dead letter, never counted) 10 s after the last: moves the
   *  enrichment's watermark past every reading sent, so the last of them come out too. */
  flush(): Promise<void> {
    return this.kafka.send('pulse.sensor_raw', [{ key: 'flush', value: JSON.stringify({ sensor_id: 'flush-watermark', temperature: 0, timestamp: this.lastTs + 10_000 }) }]);
  }

  /** The slowest acknowledged send that started at or after `from`. */
  slowestSince(from: number): number {
    return Math.max(0, ...this.sendLog.filter((x) => x.at >= from).map((x) => x.ms));
  }

  /** Waits until the enriched reading `id` is readable (read_committed), reading the topic afresh. */
  async enriched(id: string, timeoutMs: number): Promise<number> {
    const reader = new TopicReader(this.kafka.brokers, 'pulse.sensor_readings');
    try {
      return await waitFor(`reading ${id} enriched`, () => reader.records.some((r) => readingId(JSON.parse(r.value)) === id), timeoutMs);
    } finally {
      await reader.close();
    }
  }

  /** Four readings of known sensors every 100 ms (keeps the enrichment's event time moving). */
  private async produceReadings() {
    for (let i = 0; this.producing; i++) {
      await this.send('pulse.sensor_raw', [0, 1, 2, 3].map((k) => this.reading(SENSORS[(i * 4 + k) % SENSORS.length]!)));
      await sleep(100);
    }
  }

  /** Login episodes of 16 windows (one window a second, event time in the past): one acme spike each. */
  private async produceLogins() {
    for (let k = 0; this.producing; k++) {
      const base = this.episodesFrom + k * EPISODE * W;
      this.episodes.push(base);
      // Whole episodes, even when stopping: a spike window is always closed by the two after it.
      for (let w = 0; w < EPISODE; w++) {
        const events = byTs(Object.entries(SPIKE).flatMap(([tenant, n]) => logins(base + w * W, W, tenant, w === SPIKE_WINDOW ? n : 1)));
        await this.send('pulse.logins', events.map((e) => ({ ...e, id: loginId(JSON.parse(e.value)), tenant: e.key })));
        await sleep(1000);
      }
    }
  }
}
