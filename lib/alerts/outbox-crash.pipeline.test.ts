/**
 * Nothing accepted is lost: the notifier (a child process: the app's outbox and database alert
 * store on an embedded PGlite directory, and its Kafka consumer) reads alerts from a real Kafka
 * and delivers them to a loopback receiver; it is SIGKILLed twice while a delivery is under way
 * (mid-transaction for all it knows) and restarted each time on the same database. Afterwards every
 * alert has been accepted by the receiver exactly once. The receiver deduplicates by the
 * x-pulse-delivery id, as real receivers must (a delivery interrupted after the receiver took
 * it is sent again); the raw repeats are counted and printed.
 *
 * In the pipeline suite (flink/test.sh starts a private Kafka and sets PIPELINE_KAFKA) because
 * the part that can lose an alert is the order of "stored" and "offset committed" against a
 * real consumer group. Without PIPELINE_KAFKA the suite fails rather than pass with no test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Admin, Producer, ProduceAcks, stringSerializers } from '@platformatic/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertEvent } from '@/lib/testing/alerts';
import { startWebhookReceiver } from '@/lib/testing/webhook-receiver';
import { openStore } from '@/lib/store/store';
import { openAlertDelivery } from './alert-delivery';
import { DbAlertStore } from './db-alert-store';
import { deliveryId } from './outbox';
import { verify } from './signature';

const BROKERS = (process.env.PIPELINE_KAFKA ?? '').split(',').filter(Boolean);
const TENANTS = ['acme', 'globex'];
const PER_TENANT = 30;
const KILL_AT = [12, 34]; // receiver request numbers during which the notifier is killed
/** The notifier's claim on a delivery: what a killed instance held is sent again after it. */
const LEASE_MS = 3_000;
/** With nothing pending, no request comes for longer than a lease, a retry's delay (≤ 1 s) and a poll. */
const QUIET_MS = LEASE_MS + 3_000;

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('webhook outbox across notifier crashes (real Kafka)', () => {
  const run = Date.now();
  const topic = `pulse.alerts.outbox-crash-${run}`;
  let dir = '';
  let child: ChildProcess | undefined;
  let killed = 0;
  const killedByTest = new WeakSet<ChildProcess>();
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const secrets = new Map<string, string>();
  const log: string[] = [];

  function startNotifier(): Promise<void> {
    // One node process (tsx as a loader, not its CLI), so the signal reaches the notifier itself.
    const proc = spawn(process.execPath, ['--import', 'tsx', '--conditions', 'react-server', 'lib/testing/notifier-process.ts'], {
      env: { ...process.env, NOTIFIER_PGLITE_DIR: join(dir, 'pglite'), NOTIFIER_BROKERS: BROKERS.join(','), NOTIFIER_TOPIC: topic, NOTIFIER_GROUP: `outbox-crash-${run}`, NOTIFIER_LEASE_MS: String(LEASE_MS) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    proc.stderr!.on('data', (c) => log.push(String(c)));
    return new Promise((resolve, reject) => {
      createInterface({ input: proc.stdout! }).on('line', (line) => {
        log.push(line);
        if (line === 'ready') resolve();
      });
      // Killed by this test while still starting (a resent delivery can reach a kill point
      // before "ready" is printed): that is the crash under test, not a failed start.
      proc.once('exit', (code, signal) =>
        killedByTest.has(proc) ? resolve() : reject(new Error(`notifier exited (${code ?? signal}) before ready:\n${log.join('\n')}`)),
      );
    });
  }

  function killNotifier() {
    killedByTest.add(child!);
    child!.kill('SIGKILL');
    killed++;
  }

  beforeAll(async () => {
    if (!BROKERS.length) throw new Error('PIPELINE_KAFKA is not set: run through npm run test:pipeline (flink/test.sh), which starts a private Kafka');
    dir = await mkdtemp(join(tmpdir(), 'pulse-outbox-crash-'));
    receiver = await startWebhookReceiver((n) => {
      if (KILL_AT.includes(n)) {
        setTimeout(killNotifier, 20); // the receiver has the delivery, the sender dies before the answer
        return { status: 200, delayMs: 10_000 };
      }
      return { status: n % 7 === 0 ? 503 : 200, delayMs: 40 }; // some failures: retries must happen too
    });
    // The webhooks registered in the database the notifier then opens (one PGlite user at a time).
    const db = await openStore({ pgliteDir: join(dir, 'pglite') });
    const delivery = openAlertDelivery({ store: new DbAlertStore(db.db), outbound: { allowPrivate: true } });
    for (const t of TENANTS) {
      await db.tenants.create({ id: t, name: t });
      secrets.set(t, (await delivery.webhooks.register(t, receiver.url)).secret);
    }
    await db.close();
    const admin = new Admin({ clientId: 'outbox-crash-test', bootstrapBrokers: BROKERS });
    await admin.createTopics({ topics: [topic], partitions: 2, replicas: 1 });
    await admin.close();
  }, 60_000);

  afterAll(async () => {
    if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await receiver?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('delivers every alert, accepted exactly once, through two SIGKILLs mid-delivery', async () => {
    const alerts = TENANTS.flatMap((t) => Array.from({ length: PER_TENANT }, (_, i) => alertEvent(t, i)));
    const producer = new Producer({ clientId: 'outbox-crash-test', bootstrapBrokers: BROKERS, serializers: stringSerializers, idempotent: true });
    await producer.send({ acks: ProduceAcks.ALL, messages: alerts.map((a) => ({ topic, key: `${a.tenant}-${a.window_start}`, value: JSON.stringify(a) })) });
    await producer.close();

    await startNotifier();
    for (const n of KILL_AT) {
      await until(`the notifier killed at request ${n}`, () => killed > KILL_AT.indexOf(n), 90_000);
      await until('the killed notifier gone', () => child!.exitCode !== null || child!.signalCode !== null, 10_000);
      await startNotifier();
    }
    await until(`${alerts.length} alerts accepted (have ${receiver.accepted.size})`, () => receiver.accepted.size >= alerts.length, 120_000);
    // A delivery accepted just before its sender died is still pending in the store until its
    // lease ends and it is sent again (and acknowledged as a repeat): wait until nothing comes.
    await until(`no request for ${QUIET_MS} ms`, () => Date.now() - receiver.raw.at(-1)!.at > QUIET_MS, 120_000);

    const expected = new Map(alerts.map((a) => [deliveryId(a.tenant, a), a]));
    expect([...receiver.accepted.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, hook] of receiver.accepted) {
      const body = JSON.parse(hook.body);
      expect(body).toMatchObject({ id, type: 'alert', alert: expected.get(id) });
      expect(verify(secrets.get(body.alert.tenant)!, hook.body, hook.signature, Math.floor(Date.now() / 1000))).toBe(true);
    }
    expect(killed).toBe(KILL_AT.length);

    // The notifier stops cleanly now; its store says delivered for every alert.
    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGTERM');
    await exited;
    const db = await openStore({ pgliteDir: join(dir, 'pglite') });
    const store = new DbAlertStore(db.db);
    const stored = (await Promise.all(TENANTS.map((t) => store.listDeliveries(t, 1_000)))).flat();
    await db.close();
    expect(stored).toHaveLength(alerts.length);
    expect(stored.every((d) => d.state === 'delivered')).toBe(true);
    // …and its consumer group committed past every alert (stored first, then committed).
    const admin = new Admin({ clientId: 'outbox-crash-test', bootstrapBrokers: BROKERS });
    const [group] = await admin.listConsumerGroupOffsets({ groups: [`outbox-crash-${run}`] });
    const [ends] = await admin.listOffsets({ topics: [{ name: topic, partitions: [0, 1].map((partitionIndex) => ({ partitionIndex, timestamp: -1n })) }] });
    await admin.close();
    const committed = group!.topics.find((t) => t.name === topic)!.partitions.map((p) => [p.partitionIndex, p.committedOffset]);
    expect(committed.sort()).toEqual(ends!.partitions.map((p) => [p.partitionIndex, p.offset]).sort());
    expect(ends!.partitions.reduce((sum, p) => sum + Number(p.offset), 0)).toBe(alerts.length);

    // Requests repeating a delivery the receiver had already accepted: at least the ones the kills
    // interrupted (accepted, answer never seen), which proves each kill hit a delivery under way.
    const resent = receiver.raw.filter((r) => r !== receiver.accepted.get(r.id) && r.at >= receiver.accepted.get(r.id)!.at).length;
    expect(resent).toBeGreaterThanOrEqual(KILL_AT.length);
    const retried = receiver.raw.length - receiver.accepted.size - resent;
    console.log(`\nOutbox crash test: ${alerts.length} alerts, ${killed} SIGKILLs mid-delivery, ${receiver.raw.length} requests received: ${receiver.accepted.size} accepted (once each, by delivery id), ${resent} re-sent after acceptance (deduplicated by the receiver), ${retried} retries after a 503\n`);
  });
});
