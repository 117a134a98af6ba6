/**
 * The six faults of the integrated run, in order, each a SIGKILL, a time down, a restart and a
 * wait until fully recovered (as the part suites define it), with what the dashboard load may
 * see meanwhile. The suite runs them one at a time under load and judges each window.
 */
import { expect } from 'vitest';
import { freshProbe, haproxyStatus, segmentReplicas } from '../druid-app/probes';
import { query, type Sample } from '../druid-app/load';
import { lib, probe, until } from '../cluster-kit';

export const ENDPOINTS = {
  broker: process.env.CLUSTER_DRUID_BROKER ?? 'http://127.0.0.1:4203',
  app: process.env.CLUSTER_APP_URL ?? 'http://127.0.0.1:4230',
  haproxyStats: process.env.CLUSTER_HAPROXY_STATS ?? 'http://127.0.0.1:4231',
  historicals: ['127.0.0.1:4204', '127.0.0.1:4205'],
};
/** When the Broker has dropped a killed Historical: its ZooKeeper session (10 s, cluster/druid/lib.sh) expired, plus the view's update. */
const DETECTED_MS = 10_000 + 5_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The pipeline's producer (flink/pipeline-load) as far as a recovery needs it, and a signed-in session. */
export type Ctx = { load: { lastReading: string; enriched(id: string, timeoutMs: number): Promise<number> }; cookie: () => Promise<string> };
export type Fault = {
  name: string;
  part: 'kafka' | 'flink' | 'druid' | 'app';
  node: string;
  downMs: number;
  /** Called right after the kill: probes of the fault; returns their assertion, run with the others. */
  whileDown?: (ctx: Ctx) => Promise<() => void>;
  /** Resolves once fully recovered (after the restart). */
  recovered: (ctx: Ctx, before: unknown) => Promise<void>;
  /** State taken just before the kill, handed to `recovered`. */
  before?: () => Promise<unknown>;
  /** Asserts on the dashboard answers from the kill to full recovery. */
  judge: (window: Sample[], killed: number) => void;
};

const isrFull = async () => void (await until('every partition with 3 replicas in sync', () => probe('kafka', 'kafka_isr_full'), 180_000));
/** Both jobs RUNNING, and the last reading acknowledged at that moment readable downstream. */
async function jobsCaughtUp({ load }: Ctx) {
  await until('both Flink jobs RUNNING', () => probe('flink', 'flink_jobs_running'), 240_000);
  await load.enriched(load.lastReading, 240_000);
}
/** Kafka and Flink are not on the query path (the app reads Druid, which has what it ingested): no dashboard request may fail. */
const noErrors = (window: Sample[]) => expect(window.filter((s) => s.status !== 200).map((s) => `${s.status} ${s.code}${s.detail ? ` (${s.detail})` : ''}`)).toEqual([]);

export function faults(flinkTm: string): Fault[] {
  const replicas = () => segmentReplicas(ENDPOINTS.broker, ENDPOINTS.historicals);
  return [
    { name: 'Kafka broker 2', part: 'kafka', node: '2', downMs: 8_000, recovered: isrFull, judge: noErrors },
    { name: `Flink TaskManager ${flinkTm}`, part: 'flink', node: flinkTm, downMs: 8_000, recovered: jobsCaughtUp, judge: noErrors },
    { name: 'Flink JobManager', part: 'flink', node: 'jm', downMs: 8_000, recovered: jobsCaughtUp, judge: noErrors },
    {
      name: 'Druid Historical 1',
      part: 'druid',
      node: 'historical1',
      // Longer than the Broker's detection, so the replica is seen serving alone.
      downMs: 30_000,
      before: replicas,
      recovered: async (_ctx, before) => {
        const b = before as Awaited<ReturnType<typeof replicas>>;
        const h1 = ENDPOINTS.historicals[0]!;
        await until('historical1 ready', () => probe('druid', 'druid_ready', 'historical1'), 300_000);
        await until('historical1 serving its segments, none under-replicated', async () => {
          const now = await replicas().catch(() => b);
          return (now.perServer.get(h1) ?? 0) >= (b.perServer.get(h1) ?? 1) && now.underReplicated === 0;
        }, 300_000);
      },
      // Until the Broker learns of the death, queries it sends the dead node fail: the app serves
      // those views stale or says 503 engine_unavailable. After that the replica answers all.
      judge: (window, killed) => {
        const failed = window.filter((s) => s.status !== 200);
        expect(failed.filter((s) => !(s.status === 503 && s.code === 'engine_unavailable')).map((s) => `${s.status} ${s.code}`)).toEqual([]);
        expect(failed.filter((s) => s.at > killed + DETECTED_MS).map((s) => `${s.status} ${s.code} ${(s.at - killed) / 1000} s after the kill`)).toEqual([]);
      },
    },
    {
      name: 'Druid Broker',
      part: 'druid',
      node: 'broker',
      downMs: 15_000,
      // A view no one asked for cannot be served from the cache: a clear 503 while the Broker is dead.
      whileDown: async ({ cookie }) => {
        const down = await query(ENDPOINTS.app, await cookie(), freshProbe(1));
        return () => expect([down.status, down.code]).toEqual([503, 'engine_unavailable']);
      },
      recovered: async ({ cookie }) => {
        await until('the Broker ready', () => probe('druid', 'druid_ready', 'broker'), 300_000);
        const c = await cookie();
        let i = 2;
        await until('a fresh answer through HAProxy', async () => (await query(ENDPOINTS.app, c, freshProbe(i++))).status === 200, 300_000);
      },
      // Seen views stale (at least one), saying so; only answers or clear JSON 503/504, never a 500 or a proxy page.
      judge: (window) => {
        expect(window.filter((s) => s.cache === 'stale').length).toBeGreaterThan(0);
        expect(window.filter((s) => !(s.status === 200 || ((s.status === 503 || s.status === 504) && s.code && s.code !== 'not-json'))).map((s) => `${s.status} ${s.code}`)).toEqual([]);
      },
    },
    {
      name: 'app instance app1',
      part: 'app',
      node: 'app1',
      downMs: 15_000,
      // The same session cookie right after the kill: every request answered (by app2), the session valid.
      whileDown: async ({ cookie }) => {
        const c = await cookie();
        const after = await Promise.all(Array.from({ length: 8 }, () => query(ENDPOINTS.app, c, { dashboard: 'cluster-overview', panel: 'kpis', view: { range: { last: 'PT1H' }, tz: 'UTC' } }).then((s) => s.status)));
        const session = (await fetch(`${ENDPOINTS.app}/api/session`, { headers: { cookie: c } })).status;
        return () => expect({ after, session }).toEqual({ after: after.map(() => 200), session: 200 });
      },
      recovered: async () => {
        await until('app1 ready', () => probe('app', 'app_ready', 'app1'), 300_000);
        await until('HAProxy to send to app1 again', async () => (await haproxyStatus(ENDPOINTS.haproxyStats, 'app1')) === 'UP', 60_000);
      },
      judge: noErrors,
    },
  ];
}

/** Runs one fault: kill -9, the time down (with its probes), restart, full recovery. */
export async function runFault(f: Fault, ctx: Ctx) {
  const before = await f.before?.();
  const killed = Date.now();
  await lib(f.part, `${f.part}_kill9`, f.node);
  const downCheck = await f.whileDown?.(ctx);
  await sleep(Math.max(0, f.downMs - (Date.now() - killed)));
  const restarted = Date.now();
  await lib(f.part, `${f.part}_restart`, f.node);
  await f.recovered(ctx, before);
  return { killed, restarted, recovered: Date.now(), downCheck };
}
