/**
 * The Druid cluster and the app pair under faults (cluster/druid-app/test.sh starts Kafka, Druid,
 * Redis, PostgreSQL, two app instances and HAProxy first). A seeded event set is produced, then
 * events keep coming and signed-in people keep opening dashboards through HAProxy while, one at
 * a time, a Historical, the Broker and an app instance are killed with SIGKILL and restarted.
 * After each recovery Druid holds exactly the events the producer had acknowledged, per tenant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerCapacity } from './capacity';
import { lib, ready, rssMiB, sleep, waitFor } from './control';
import { DashboardLoad, byStatus, errorRate, query, signIn, type Sample } from './load';
import { Ledger, differences, druidCounts } from './ledger';
import { freshProbe, haproxyStatus as haproxyStatus_, segmentReplicas as segmentReplicas_ } from './probes';

const KAFKA = (process.env.CLUSTER_KAFKA ?? '127.0.0.1:4210').split(',');
const BROKER = process.env.CLUSTER_DRUID_BROKER ?? 'http://127.0.0.1:4203';
const APP = process.env.CLUSTER_APP_URL ?? 'http://127.0.0.1:4230';
const OVERLORD = process.env.CLUSTER_DRUID_OVERLORD ?? 'http://127.0.0.1:4201';
const HAPROXY_STATS = process.env.CLUSTER_HAPROXY_STATS ?? 'http://127.0.0.1:4231';
const HISTORICALS = ['127.0.0.1:4204', '127.0.0.1:4205'];
const HISTORICAL1 = HISTORICALS[0]!;
const TENANTS = ['acme', 'globex', 'initech'];
const USERS = ['demo@acme.test', 'ops@acme.test', 'demo@globex.test', 'demo@initech.test'];
/** How long each node stays dead before it is restarted. */
const FAULT_MS = 15_000;
/** A dead Historical stays longer, so that the replica is seen serving alone after the Broker drops it. */
const HISTORICAL_FAULT_MS = 30_000;
/** When the Broker has dropped a killed node: its ZooKeeper session (10 s, cluster/druid/lib.sh) expired, plus the view's update. */
const DETECTED_MS = 10_000 + 5_000;

let ledger: Ledger;
let load: DashboardLoad;
const faults: { fault: string; requests: number; errorRate: number; statuses: string; downS: number; recoveryS: number }[] = [];
const figures: string[] = [];
const secs = (ms: number) => Math.round(ms / 100) / 10;

/** Pauses the producer and waits until Druid holds exactly what it acknowledged, per datasource and tenant. */
async function expectExactCounts(after: string) {
  await ledger.pause();
  let diff: string[] = ['not asked yet'];
  await waitFor(
    `Druid to hold exactly the produced events after ${after}`,
    async () => {
      diff = differences(ledger.produced, await druidCounts(BROKER).catch((err: Error) => new Map([[`(${err.message.slice(0, 80)})`, -1]])));
      return diff.length === 0;
    },
    240_000,
    2_000,
    () => `(produced vs Druid: ${diff.slice(0, 6).join('; ')})`,
  );
  // Asked again: nothing arrives late on top (a duplicate would).
  expect(differences(ledger.produced, await druidCounts(BROKER))).toEqual([]);
  console.log(`exact after ${after}: Druid holds all ${ledger.total()} produced events, per datasource and tenant`);
  ledger.startLive();
}

const segmentReplicas = () => segmentReplicas_(BROKER, HISTORICALS);
const haproxyStatus = (server: string) => haproxyStatus_(HAPROXY_STATS, server);

/** Prints and keeps a fault's figures: the load's answers from the kill to full recovery. */
function record(fault: string, t: { killed: number; restarted: number; recovered: number }): Sample[] {
  const window = load.between(t.killed, t.recovered);
  const failed = window.filter((s) => s.status !== 200);
  const when = failed.length ? `, failures sent ${secs(failed[0]!.at - t.killed)}–${secs(failed.at(-1)!.at - t.killed)} s after the kill` : '';
  faults.push({ fault, requests: window.length, errorRate: errorRate(window), statuses: byStatus(window), downS: secs(t.restarted - t.killed), recoveryS: secs(t.recovered - t.restarted) });
  console.log(`${fault}: ${window.length} dashboard requests during the fault, error rate ${(errorRate(window) * 100).toFixed(2)} % (${byStatus(window)})${when}; down ${secs(t.restarted - t.killed)} s, full recovery ${secs(t.recovered - t.restarted)} s after the restart`);
  return window;
}

beforeAll(async () => {
  ledger = await Ledger.open(KAFKA);
  // The seeded set: two hours of every datasource's sample events (one step every 10 s) up to the last whole minute.
  const endSec = Math.floor(Date.now() / 60_000) * 60;
  const started = Date.now();
  const seeded = await ledger.produce(endSec - 7_200, endSec, 10);
  let diff: string[] = [];
  await waitFor('Druid to ingest the seeded events', async () => {
    diff = differences(ledger.produced, await druidCounts(BROKER).catch(() => new Map()));
    return diff.length === 0;
  }, 300_000, 1_000, () => diff.slice(0, 4).join('; '));
  const ingestS = (Date.now() - started) / 1000;
  const supervisors = ((await (await fetch(`${OVERLORD}/druid/indexer/v1/supervisor`)).json()) as string[]).length;
  figures.push(`ingest: ${seeded} events produced and queryable in ${ingestS.toFixed(1)} s = ${(seeded / ingestS).toFixed(0)} events/s over ${supervisors} indexer tasks (${(seeded / ingestS / supervisors).toFixed(0)} events/s per task; one Indexer JVM, produce time included)`);

  // Hand the realtime segments off now, and wait until both Historicals serve every one.
  await lib('druid_handoff');
  let replicas = { published: 0, underReplicated: 0, perServer: new Map<string, number>() };
  await waitFor('every published segment on both Historicals', async () => {
    replicas = await segmentReplicas().catch(() => replicas);
    return replicas.published > 0 && replicas.underReplicated === 0 && HISTORICALS.every((h) => replicas.perServer.get(h) === replicas.published);
  }, 300_000, 2_000, () => JSON.stringify({ ...replicas, perServer: [...replicas.perServer] }));
  console.log(`handoff: ${replicas.published} segments published, on both Historicals (${JSON.stringify([...replicas.perServer])})`);

  const cookies = await Promise.all(USERS.map((u) => signIn(APP, u)));
  load = new DashboardLoad(APP, cookies);
  ledger.startLive();
  load.start();
  // A dashboard audience's steady state: every view of the load seen once (the answer cache has it).
  await waitFor('every view of the load answered once', async () => load.seenAll(), 300_000);
  const warm = load.between(0, Date.now());
  console.log(`warm-up: ${warm.length} dashboard requests (${byStatus(warm)})`);
}, 900_000);

afterAll(async () => {
  await load?.stop();
  await ledger?.close();
  const all = load?.samples ?? [];
  console.log(`\ndashboard load: ${all.length} requests in all (${byStatus(all)})`);
  console.log('\n| fault | requests during fault | error rate | statuses | down (s) | recovery after restart (s) |\n|---|---|---|---|---|---|');
  for (const f of faults) console.log(`| ${f.fault} | ${f.requests} | ${(f.errorRate * 100).toFixed(2)} % | ${f.statuses} | ${f.downS} | ${f.recoveryS} |`);
  console.log(`\nper-node figures for the capacity model:\n  ${figures.join('\n  ')}`);
});

describe('faults under load', () => {
  it('a Historical dies: its replica serves the dashboards; no event lost or doubled', async () => {
    const before = await segmentReplicas();
    const killed = Date.now();
    await lib('druid_kill9', 'historical1');
    await sleep(HISTORICAL_FAULT_MS);
    const restarted = Date.now();
    await lib('druid_restart', 'historical1');
    await waitFor('historical1 ready', () => ready('druid_ready', 'historical1'), 300_000);
    await waitFor('historical1 serving its segments again', async () => {
      const now = await segmentReplicas().catch(() => before);
      return (now.perServer.get(HISTORICAL1) ?? 0) >= (before.perServer.get(HISTORICAL1) ?? 1) && now.underReplicated === 0;
    }, 300_000, 1_000);
    const window = record('Druid Historical (kill -9)', { killed, restarted, recovered: Date.now() });
    // Until the Broker learns of the death (the ZooKeeper session expires), queries it sends the dead
    // node fail: the app serves those views stale, or says 503 engine_unavailable. From then on
    // the replica on the other Historical answers everything, through the restart too.
    const failed = window.filter((s) => s.status !== 200);
    expect(failed.filter((s) => !(s.status === 503 && s.code === 'engine_unavailable'))).toEqual([]);
    expect(failed.filter((s) => s.at > killed + DETECTED_MS).map((s) => `${s.status} ${s.code} ${secs(s.at - killed)} s after the kill`)).toEqual([]);
    await expectExactCounts('the Historical restart');
  }, 900_000);

  it('the Broker dies: seen views are served stale, saying so, others get a clear 503; never a 500', async () => {
    const cookie = await signIn(APP, 'demo@acme.test');
    const killed = Date.now();
    await lib('druid_kill9', 'broker');
    await sleep(FAULT_MS);
    const down = await query(APP, cookie, freshProbe(1));
    const restarted = Date.now();
    await lib('druid_restart', 'broker');
    await waitFor('the Broker ready', () => ready('druid_ready', 'broker'), 300_000);
    let probes = 2;
    await waitFor('a fresh answer through HAProxy', async () => (await query(APP, cookie, freshProbe(probes++))).status === 200, 300_000, 1_000);
    const window = record('Druid Broker (kill -9)', { killed, restarted, recovered: Date.now() });
    expect(down.status).toBe(503);
    expect(down.code).toBe('engine_unavailable');
    expect(window.filter((s) => s.cache === 'stale').length).toBeGreaterThan(0);
    // Only answers or clear errors: no 500, no proxy error page, no dropped request.
    expect(window.filter((s) => !(s.status === 200 || ((s.status === 503 || s.status === 504) && s.code && s.code !== 'not-json')))).toEqual([]);
    await expectExactCounts('the Broker restart');
  }, 900_000);

  it('an app instance dies: the other serves the same session, HAProxy retries what the dead one held', async () => {
    const cookie = await signIn(APP, 'demo@globex.test');
    const killed = Date.now();
    await lib('app_kill9', 'app1');
    // The same cookie, right after the kill: every request answered (by app2).
    const after = await Promise.all(Array.from({ length: 8 }, () => query(APP, cookie, { dashboard: 'cluster-overview', panel: 'kpis', view: { range: { last: 'PT1H' }, tz: 'UTC' } }).then((s) => s.status)));
    const session = await fetch(`${APP}/api/session`, { headers: { cookie } });
    await sleep(FAULT_MS);
    const restarted = Date.now();
    await lib('app_restart', 'app1');
    await waitFor('app1 ready', () => ready('app_ready', 'app1'), 300_000);
    await waitFor('HAProxy to send to app1 again', async () => (await haproxyStatus('app1')) === 'UP', 60_000);
    const window = record('app instance (kill -9)', { killed, restarted, recovered: Date.now() });
    expect(session.status).toBe(200);
    expect(after).toEqual(after.map(() => 200));
    expect(window.filter((s) => s.status !== 200).map((s) => `${s.status} ${s.code}`)).toEqual([]);
    await expectExactCounts('the app restart');
  }, 900_000);
});

describe('per-node figures', () => {
  it('measures what one Broker and two Historicals sustain, and each process’s memory', async () => {
    await load.stop();
    const cap = await brokerCapacity(BROKER, TENANTS, 4, 20);
    figures.push(`Broker + 2 Historicals, dashboard mix straight to the Broker (${cap.workers} clients, ${cap.seconds} s): ${cap.queriesPerSec.toFixed(1)} SQL queries/s, ${cap.answersPerSec.toFixed(1)} panel answers/s, ${cap.failed} failed`);
    expect(cap.failed).toBe(0);
    expect(cap.answersPerSec).toBeGreaterThan(0);
    for (const node of ['app1', 'app2']) figures.push(`${node} RSS: ${await rssMiB('app_rss_mib', node)} MiB`);
    for (const node of ['coordinator', 'broker', 'historical1', 'historical2', 'indexer', 'zookeeper']) figures.push(`Druid ${node} RSS: ${await rssMiB('druid_rss_mib', node)} MiB`);
  }, 300_000);
});
