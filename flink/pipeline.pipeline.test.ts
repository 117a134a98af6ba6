/**
 * The Flink pipeline end to end on a private Kafka (flink/test.sh starts it and sets
 * PIPELINE_KAFKA): enrichment values and a live location change, dead letters, one login-spike
 * alert delivered signed to a webhook, and exactly-once output across a SIGKILL + restart.
 * Prints the measured figures (latency, throughput, start time, RSS).
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAlertDelivery } from '@/lib/alerts/alert-delivery';
import { DbAlertStore } from '@/lib/alerts/db-alert-store';
import { ThresholdFeed } from '@/lib/alerts/threshold-feed';
import { kafkaThresholdSink } from '@/lib/alerts/threshold-topic';
import { replaceThresholds } from '@/lib/api/admin';
import { startAlertNotifier } from '@/lib/alerts/notifier';
import { SIGNATURE_HEADER, verify } from '@/lib/alerts/signature';
import { SAMPLE_TENANTS } from '@/lib/auth/tenants';
import { openTestStore } from '@/lib/testing/store';
import { Kafka, Runner, byTs, logins, percentile, waitFor, type Received } from './pipeline-kit';

const BROKERS = (process.env.PIPELINE_KAFKA ?? '').split(',').filter(Boolean);
const WORK = process.env.PIPELINE_DIR ?? 'flink/var/pipeline-test';
const SENSORS = SAMPLE_TENANTS.flatMap((t) => t.sensors.map(([id, location, base]) => ({ id, tenant: t.id, location, base })));
const figures: Record<string, string> = {};

type Reading = { ts: number; tenant: string; sensor_id: string; location: string; temperature_c: number; temperature_f: number };

// Without its Kafka this suite fails, never passes with nothing run: flink/test.sh starts it.
if (!BROKERS.length) throw new Error('PIPELINE_KAFKA is not set: run the pipeline suite with npm run test:pipeline, which starts its Kafka');

describe('Flink pipeline (Kafka -> Flink SQL -> Kafka)', () => {
  const kafka = new Kafka(BROKERS);
  const runner = new Runner(['--bootstrap', BROKERS.join(','), '--checkpoints', `${WORK}/checkpoints`, 'flink/sql/enrich.sql', 'flink/sql/alerts.sql'], `${WORK}/runner.log`, `${WORK}/runner.pid`, 2);
  const sent = new Map<string, number>(); // reading id (sensor@ts) -> produced at
  let readings: Received[] = [], deadLetters: Received[] = [], alerts: Received[] = [];
  let lastTs = 0;
  let producing = false, producer: Promise<void> | undefined;
  const hooks: { body: string; header: string | null; at: number }[] = [];
  let server: Server, notifier: { stop(): Promise<void> } | undefined;
  let delivery: ReturnType<typeof openAlertDelivery> | undefined;
  let store: Awaited<ReturnType<typeof openTestStore>> | undefined;

  const nextTs = () => (lastTs = Math.max(lastTs + 1, Date.now()));
  const raw = (sensor: string, temperature: unknown, ts = nextTs()) => ({ key: sensor, value: JSON.stringify({ sensor_id: sensor, temperature, timestamp: ts }) });
  const parsed = () => readings.map((r) => JSON.parse(r.value) as Reading);
  const idOf = (r: { sensor_id: string; ts: number }) => `${r.sensor_id}@${r.ts}`;

  /** Readings of known sensors, a few every 50 ms, until stopped: keeps event time moving. */
  async function produceSteadily() {
    for (let i = 0; producing; i++) {
      const batch = SENSORS.slice(0, 4).map((_, k) => {
        const s = SENSORS[(i * 4 + k) % SENSORS.length]!;
        const m = raw(s.id, Math.round((s.base + ((i + k) % 10) / 10) * 10) / 10);
        sent.set(`${s.id}@${JSON.parse(m.value).timestamp}`, Date.now());
        return m;
      });
      await kafka.send('pulse.sensor_raw', batch);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        hooks.push({ body, header: req.headers[SIGNATURE_HEADER] as string | null, at: Date.now() });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    store = await openTestStore(); // the app-state database: webhooks, outbox, thresholds
    for (const t of SAMPLE_TENANTS) await store.tenants.create({ id: t.id, name: t.id });
    readings = await kafka.collect('pulse.sensor_readings');
    deadLetters = await kafka.collect('pulse.dead_letter');
    alerts = await kafka.collect('pulse.alerts');
    const ms = await runner.start();
    figures['job start (both jobs RUNNING, cold JVM)'] = `${(ms / 1000).toFixed(1)} s`;
    producing = true;
    producer = produceSteadily();
  });

  afterAll(async () => {
    console.log(`\nPipeline figures:\n${Object.entries(figures).map(([k, v]) => `  ${k.padEnd(58)} ${v}`).join('\n')}\n`);
    producing = false;
    await producer?.catch(() => {});
    await runner.kill();
    await notifier?.stop().catch(() => {});
    await delivery?.outbox.stop();
    await kafka.close().catch(() => {});
    await store?.close();
    server?.close();
  });

  it('enriches a reading: Fahrenheit, tenant and location from the reference, exact JSON shape', async () => {
    const m = raw('acme-s03', 22.5);
    await kafka.send('pulse.sensor_raw', [m]);
    const ts = JSON.parse(m.value).timestamp;
    sent.set(`acme-s03@${ts}`, Date.now());
    await waitFor('the 22.5 °C reading on pulse.sensor_readings', () => parsed().some((r) => r.ts === ts), 60_000, runner);
    const got = readings.find((r) => JSON.parse(r.value).ts === ts)!;
    expect(Object.keys(JSON.parse(got.value))).toEqual(['ts', 'tenant', 'sensor_id', 'location', 'temperature_c', 'temperature_f']);
    expect(JSON.parse(got.value)).toEqual({ ts, tenant: 'acme', sensor_id: 'acme-s03', location: 'HQ / Floor 3', temperature_c: 22.5, temperature_f: 72.5 });
  });

  it('applies a location change to readings after it, not before', async () => {
    const changedAt = Date.now();
    await kafka.send('pulse.sensor_locations', [{ key: 'acme-s01', value: JSON.stringify({ sensor_id: 'acme-s01', tenant: 'acme', location: 'HQ / Atrium' }), timestamp: BigInt(changedAt) }]);
    await waitFor('a reading of acme-s01 from after the change', () => parsed().some((r) => r.sensor_id === 'acme-s01' && r.ts > changedAt + 3000), 60_000, runner);
    const s01 = parsed().filter((r) => r.sensor_id === 'acme-s01');
    expect(s01.filter((r) => r.ts < changedAt).every((r) => r.location === 'HQ / Lobby')).toBe(true);
    expect(s01.filter((r) => r.ts >= changedAt).every((r) => r.location === 'HQ / Atrium')).toBe(true);
    expect(s01.filter((r) => r.ts < changedAt).length).toBeGreaterThan(0);
    for (const r of parsed()) expect(r.temperature_f).toBeCloseTo((r.temperature_c * 9) / 5 + 32, 2);
  });

  it('dead-letters an unknown sensor and malformed events, each with its reason', async () => {
    const bad = [
      raw('nobody-s99', 20),
      { key: 'x', value: '{"sensor_id": "acme-s01", "temperature": 2' },
      { key: 'acme-s02', value: JSON.stringify({ sensor_id: 'acme-s02', timestamp: nextTs() }) },
      raw('acme-s02', 'warm'),
    ];
    await kafka.send('pulse.sensor_raw', bad);
    await waitFor('4 dead letters', () => deadLetters.length >= 4, 60_000, runner);
    const dl = deadLetters.map((d) => JSON.parse(d.value) as { reason: string; payload: string; source_topic: string });
    expect(dl.map((d) => d.reason).sort()).toEqual(['malformed_json', 'missing_temperature', 'non_numeric_temperature', 'unknown_sensor']);
    expect(dl.map((d) => d.payload).sort()).toEqual(bad.map((b) => b.value).sort());
    figures['dead letters (counted on pulse.dead_letter)'] = `${deadLetters.length}`;
  });

  it('raises exactly one login_spike alert for the spiking tenant and signs the webhook', async () => {
    delivery = openAlertDelivery({ store: new DbAlertStore(store!.db), outbound: { allowPrivate: true } });
    delivery.outbox.start();
    const hook = await delivery.webhooks.register('acme', `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`);
    notifier = await startAlertNotifier({ brokers: BROKERS, ...delivery, publicUrl: 'http://127.0.0.1:3000', groupId: `pipeline-notifier-${Date.now()}` });
    await new Promise((r) => setTimeout(r, 3000)); // the notifier starts at the latest offset: let it join first
    const W = 5 * 60_000;
    const base = Math.floor(Date.now() / W) * W - 20 * W; // event time well in the past: windows close on data, not the clock
    const windows = (from: number, to: number) => {
      const out = [];
      for (let w = from; w <= to; w++) {
        out.push(...logins(base + w * W, W, 'acme', w === 13 ? 61 : 1), ...logins(base + w * W, W, 'globex', w === 13 ? 20 : 2), ...logins(base + w * W, W, 'initech', w === 13 ? 10 : 1));
      }
      return byTs(out);
    };
    await kafka.send('pulse.logins', windows(0, 13));
    const closedAt = Date.now();
    await kafka.send('pulse.logins', windows(14, 15)); // moves the watermark past the spike window
    await waitFor('the signed webhook call', () => hooks.length >= 1, 90_000, runner);
    figures['login spike -> webhook delivered'] = `${((hooks[0]!.at - closedAt) / 1000).toFixed(1)} s (from the window-closing event)`;
    await new Promise((r) => setTimeout(r, 8000)); // anything else would have arrived by now
    const all = alerts.map((a) => JSON.parse(a.value));
    expect(all).toHaveLength(1);
    expect(Object.keys(all[0])).toEqual(['ts', 'tenant', 'rule', 'severity', 'message', 'window_start', 'window_end', 'value', 'threshold']);
    expect(all[0]).toMatchObject({ tenant: 'acme', rule: 'login_spike', window_start: base + 13 * W, window_end: base + 14 * W, ts: base + 14 * W, value: 61, threshold: 30 });
    expect(hooks).toHaveLength(1);
    expect(verify(hook.secret, hooks[0]!.body, hooks[0]!.header, Math.floor(Date.now() / 1000))).toBe(true);
    expect(JSON.parse(hooks[0]!.body).alert).toMatchObject({ tenant: 'acme', rule: 'login_spike' });
  });

  it('raises one consumer_lag_rising and one under_replicated alert from per-minute cluster metrics', async () => {
    const M = 60_000;
    const base = Math.floor(Date.now() / M) * M - 30 * M;
    // globex-search's lag on globex.events: flat, then rising 5 minutes in a row (m1..m5) past
    // minLag 1000, then flat. Broker globex-b2: under-replicated partitions during m1..m6.
    const lag = [100, 100, 1500, 1600, 1700, 1800, 1900, 1900, 1900, 1900, 1900, 1900, 1900];
    const rows = lag.map((consumer_lag, m) => ({
      key: 'globex',
      value: JSON.stringify({
        ts: base + m * M, tenant: 'globex', cluster: 'globex-main', broker: 'globex-b2', topic: 'globex.events', client: 'globex-search',
        bytes_in: 1000, bytes_out: 1000, messages_in: 10, request_latency_ms: 5, consumer_lag, errors: 0, under_replicated: m >= 1 && m <= 6 ? 2 : 0,
      }),
    }));
    await kafka.send('pulse.cluster_metrics', rows);
    await waitFor('the two cluster alerts', () => alerts.length >= 3, 60_000, runner);
    await new Promise((r) => setTimeout(r, 5000)); // no further alerts
    const cluster = alerts.map((a) => JSON.parse(a.value)).filter((a) => a.rule !== 'login_spike');
    expect(cluster).toHaveLength(2);
    expect(cluster.find((a) => a.rule === 'consumer_lag_rising')).toMatchObject({
      tenant: 'globex', severity: 'warning', window_start: base + 1 * M, window_end: base + 6 * M, value: 1800, threshold: 1000,
    });
    expect(cluster.find((a) => a.rule === 'under_replicated')).toMatchObject({
      tenant: 'globex', severity: 'critical', window_start: base + 1 * M, window_end: base + 5 * M, value: 2, threshold: 3,
    });
  });

  it('SIGKILL mid-stream + restart from the retained checkpoint: every reading exactly once', async () => {
    const rssBefore = runner.rssMiB();
    // Latency of the steady stream so far (before the kill, whose outage would dominate it).
    const steady = readings.map((r) => r.at - (sent.get(idOf(JSON.parse(r.value))) ?? NaN)).filter((x) => Number.isFinite(x));
    figures['end-to-end latency raw -> readable (read_committed) p50'] = `${percentile(steady, 50)} ms`;
    figures['end-to-end latency raw -> readable (read_committed) p95'] = `${percentile(steady, 95)} ms`;
    await new Promise((r) => setTimeout(r, 3000));
    await runner.kill();
    await new Promise((r) => setTimeout(r, 2000)); // the producer keeps going: the backlog must be caught up
    const restartMs = await runner.start();
    figures['job restart from checkpoint (both RUNNING)'] = `${(restartMs / 1000).toFixed(1)} s`;
    expect(runner.runningLines.every((l) => l.includes('restored from'))).toBe(true);
    await new Promise((r) => setTimeout(r, 5000));

    // Throughput: a burst of readings, timed until the last one is readable downstream.
    producing = false;
    await producer;
    const burst = Array.from({ length: 20_000 }, (_, i) => {
      const s = SENSORS[i % SENSORS.length]!;
      return raw(s.id, s.base);
    });
    const t0 = Date.now();
    for (const m of burst) sent.set(`${m.key}@${JSON.parse(m.value).timestamp}`, NaN); // counted, not in the latency figures
    for (let i = 0; i < burst.length; i += 2000) await kafka.send('pulse.sensor_raw', burst.slice(i, i + 2000));
    figures['20k burst: time the test client took to produce it'] = `${((Date.now() - t0) / 1000).toFixed(1)} s`;
    // The burst's timestamps run ahead of the clock (1 ms apart): one reading 2 s past them moves
    // the watermark beyond the whole burst at once, instead of at the pace of the clock.
    lastTs += 2000;
    const flush = raw(SENSORS[0]!.id, SENSORS[0]!.base);
    sent.set(`${flush.key}@${JSON.parse(flush.value).timestamp}`, NaN);
    await kafka.send('pulse.sensor_raw', [flush]);
    producing = true; // keeps the watermark moving past the burst
    producer = produceSteadily();
    const lastId = `${burst.at(-1)!.key}@${JSON.parse(burst.at(-1)!.value).timestamp}`;
    await waitFor('the burst on pulse.sensor_readings', () => readings.some((r) => idOf(JSON.parse(r.value)) === lastId), 120_000, runner);
    figures['enrichment throughput (20k burst, incl. checkpoint commit)'] = `${Math.round(20_000 / ((Date.now() - t0) / 1000))} events/s`;
    producing = false;
    await producer;
    // The join emits a reading once the watermark passes it: one event 10 s later (an unknown
    // sensor, so it lands in the dead letters, not in the readings we count) flushes the tail.
    await kafka.send('pulse.sensor_raw', [raw('flush-watermark', 0, lastTs + 10_000)]);

    await waitFor(`all ${sent.size} readings`, () => readings.length >= sent.size, 90_000, runner).catch((e: Error) => {
      const got = new Set(parsed().map(idOf));
      throw new Error(`${e.message}\nhave ${readings.length}, missing ${[...sent.keys()].filter((k) => !got.has(k)).length}`);
    });
    await new Promise((r) => setTimeout(r, 5000)); // duplicates would show up by now
    const ids = parsed().map(idOf);
    expect(new Set(ids).size).toBe(ids.length); // no duplicates
    expect(ids.length).toBe(sent.size);
    expect(new Set(ids)).toEqual(new Set(sent.keys()));
    expect(alerts).toHaveLength(3); // the restarted alerts job did not alert again

    figures['readings checked exactly once'] = `${ids.length}`;
    figures['runner RSS (before kill / after restart + burst)'] = `${rssBefore} / ${runner.rssMiB()} MiB`;
  });
  it("applies a tenant's threshold change, published by the app's feed, from the next window on", async () => {
    const db = store!;
    const sink = kafkaThresholdSink(BROKERS);
    const feed = new ThresholdFeed({ read: (t) => db.thresholds.current(t), readAll: () => db.thresholds.all(), send: sink.send });
    await feed.snapshot(); // as the app does at start: every tenant, tombstones for those without overrides
    const before = alerts.length;
    // globex: minFailures 25 by default; the change lowers it to 12 (and the baseline factor to 1,
    // so the earlier spike windows in its baseline cannot raise the threshold above 12).
    const changedAt = Date.now();
    await replaceThresholds(db, { email: 'ann@globex.test', tenant: 'globex', tenantName: 'Globex', role: 'admin' }, { login_spike: { minFailures: 12, baselineFactor: 1 } });
    await feed.changed('globex');
    figures['threshold change: committed -> on the topic'] = `${Date.now() - changedAt} ms`;
    const version = (await db.thresholds.current('globex')).changedAt!.getTime();

    // Event time: window A ends before the change, B starts after it. 18 failures in each for
    // every tenant: above globex's new 12, under its old 25; acme (30) never, initech (15) both.
    const W = 5 * 60_000;
    const a = Math.floor(version / W) * W - W, b = a + 2 * W;
    const every = (start: number, failures: number) => ['acme', 'globex', 'initech'].flatMap((t) => logins(start, W, t, failures));
    // A window closes when later events move the watermark past it. The job reads the thresholds
    // topic and the logins independently: the closing events come a moment after the windows' own,
    // so the record the app published before them has been read (in production a change precedes
    // the close of a 5-minute window by far more than that).
    const closeLater = async (events: Parameters<typeof byTs>[0], closing: Parameters<typeof byTs>[0]) => {
      await kafka.send('pulse.logins', byTs(events));
      await new Promise((r) => setTimeout(r, 2000));
      await kafka.send('pulse.logins', byTs(closing));
    };
    await closeLater([...every(a, 18), ...every(b, 18)], every(b + W, 1));
    const key = (x: { tenant: string; window_start: number }) => `${x.tenant}@${x.window_start}`;
    const mine = () => alerts.slice(before).map((x) => JSON.parse(x.value));
    await waitFor("globex's alert in window B", () => mine().some((x) => key(x) === `globex@${b}`), 90_000, runner);
    figures['threshold change -> first alert under it readable'] = `${((Date.now() - changedAt) / 1000).toFixed(1)} s (incl. producing the window)`;
    await new Promise((r) => setTimeout(r, 5000)); // anything else would have arrived by now
    expect(mine().map(key).sort()).toEqual([`globex@${b}`, `initech@${a}`, `initech@${b}`].sort());
    expect(mine().find((x) => x.tenant === 'globex')).toMatchObject({ rule: 'login_spike', value: 18, threshold: 12, window_end: b + W });
    expect(mine().filter((x) => x.tenant === 'initech').map((x) => x.threshold)).toEqual([15, 15]);

    // The override removed: a tombstone, and globex is back on its defaults for window D after it.
    await replaceThresholds(db, { email: 'ann@globex.test', tenant: 'globex', tenantName: 'Globex', role: 'admin' }, {});
    await feed.changed('globex');
    const d = b + 3 * W;
    // initech's 40 in D alerts whatever its baseline: the sign that D has been decided.
    await closeLater([...logins(d, W, 'globex', 18), ...logins(d, W, 'initech', 40)], logins(d + W, W, 'globex', 1));
    await waitFor("initech's alert in window D", () => mine().some((x) => key(x) === `initech@${d}`), 90_000, runner);
    await new Promise((r) => setTimeout(r, 3000));
    expect(mine().map(key)).not.toContain(`globex@${d}`);
    expect(mine()).toHaveLength(4);
    await sink.close();
  });
});
