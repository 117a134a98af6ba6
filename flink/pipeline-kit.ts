/**
 * Test kit for flink/pipeline.pipeline.test.ts: Kafka produce/collect with @platformatic/kafka,
 * and the Flink runner as a child process that can be SIGKILLed and restarted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { FreshProducer } from '@/lib/ingest/fresh-producer';
import { TopicReader, type Received } from './topic-reader';

export type { Received } from './topic-reader';

export class Kafka {
  readonly producer: FreshProducer;
  private readonly readers: TopicReader[] = [];
  private sending: Promise<void> = Promise.resolve();

  constructor(readonly brokers: string[]) {
    this.producer = new FreshProducer(brokers, 'pipeline-test');
  }

  /** One send at a time: concurrent batches of an idempotent producer to one partition can be
   *  refused as out of order, and per-topic order is what the tests reason about anyway. A failed
   *  send (or one with no answer in time) is unacknowledged; the next goes through a new client. */
  send(topic: string, values: { key?: string; value: string; timestamp?: bigint }[]): Promise<void> {
    const messages = values.map((v) => ({ topic, key: v.key ?? '', value: v.value, ...(v.timestamp === undefined ? {} : { timestamp: v.timestamp }) }));
    const next = this.sending.then(async () => {
      if (messages.length) await this.producer.send(messages);
    });
    this.sending = next.catch(() => {});
    return next;
  }

  /** Everything on `topic` from the beginning, committed transactions only, with arrival times:
   *  the array keeps filling until close() (TopicReader: no consumer group). */
  async collect(topic: string): Promise<Received[]> {
    const reader = new TopicReader(this.brokers, topic);
    this.readers.push(reader);
    return reader.records;
  }

  async close(): Promise<void> {
    await Promise.all(this.readers.map((r) => r.close()));
    await this.producer.close();
  }
}

/** Polls `check` until it returns true; fails with `what` (and the runner log tail) on timeout. */
export async function waitFor(what: string, check: () => boolean, timeoutMs: number, runner?: Runner): Promise<number> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timeout after ${timeoutMs / 1000}s waiting for ${what}${runner ? `\n--- runner log tail ---\n${runner.tail()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - t0;
}

/** The Flink job runner (flink/run.sh), its output appended to `logFile`. */
export class Runner {
  private child?: ChildProcess;
  /** The "[flink] job … RUNNING … (fresh start | restored from …)" lines of the last start. */
  runningLines: string[] = [];

  constructor(private readonly args: string[], private readonly logFile: string, private readonly pidFile: string, private readonly jobs: number) {}

  /** Starts the runner; resolves with the ms until every job reported RUNNING. */
  async start(): Promise<number> {
    this.runningLines = [];
    const out = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn('bash', ['flink/run.sh', ...this.args], { env: { ...process.env, PULSEBOARD_MARKER: 'flink-pipeline-test' }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    writeFileSync(this.pidFile, String(child.pid)); // flink/run.sh execs java: this is the JVM's pid
    // Whole lines: a chunk boundary must not split the RUNNING line we wait for.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      out.write(`${line}\n`);
      if (/^\[flink\] job .* RUNNING/.test(line)) this.runningLines.push(line);
    });
    child.stderr!.pipe(out);
    let exited = false;
    child.on('exit', () => (exited = true));
    return waitFor('all Flink jobs RUNNING', () => {
      if (exited) throw new Error(`the Flink runner exited during start-up\n${this.tail()}`);
      return this.runningLines.length >= this.jobs;
    }, 240_000, this);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  rssMiB(): number {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  }

  /** SIGKILL: no shutdown hook, no final checkpoint, an open Kafka transaction left behind. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
  }

  tail(lines = 40): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

/** Login events of one tenant spread over the window [start, start + windowMs): `failures` failed among max(total, failures). */
export function logins(start: number, windowMs: number, tenant: string, failures: number, total = 10) {
  const n = Math.max(total, failures);
  return Array.from({ length: n }, (_, i) => ({
    key: tenant,
    value: JSON.stringify({ ts: start + Math.floor((i * (windowMs - 1000)) / n), tenant, user: `u${i}@${tenant}.test`, country: 'US', method: 'password', result: i < failures ? 'failure' : 'success' }),
  }));
}

/** Kafka messages of JSON events in event-time order. */
export const byTs = <M extends { value: string }>(messages: M[]) => messages.sort((a, b) => JSON.parse(a.value).ts - JSON.parse(b.value).ts);

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
}
