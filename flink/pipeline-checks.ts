/**
 * The pipeline's exact outcomes against the producer's log (PipelineLoad), shared by the cluster
 * suites (cluster/): every acknowledged event in its topic exactly once, one enriched record per reading,
 * one login_spike alert per episode whose spike passes acme's threshold. Each returns what it
 * read, for the caller's figures and for comparisons further down (Druid, the webhook receiver).
 */
import { expect } from 'vitest';
import { waitFor as until, type Received } from './pipeline-kit';
import { SENSOR, SPIKE_WINDOW, W, loginId, readingId, type PipelineLoad } from './pipeline-load';

const ACME_MIN_FAILURES = 30; // acme's login_spike threshold (config/alert-rules.json)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type Reading = { ts: number; tenant: string; sensor_id: string; location: string; temperature_c: number; temperature_f: number };
export type Alert = { tenant: string; rule: string; window_start: number; value: number };
/** tenant -> events */
export type PerTenant = Map<string, number>;

/** Occurrences of each id among the records, and the ids seen more than once. */
export function tally(records: Received[], idOf: (v: never) => string) {
  const count = new Map<string, number>();
  for (const r of records) {
    const id = idOf(JSON.parse(r.value) as never);
    count.set(id, (count.get(id) ?? 0) + 1);
  }
  return { count, repeated: [...count].filter(([, n]) => n > 1).map(([id]) => id) };
}

const perTenant = (tenants: Iterable<string>) => [...tenants].reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<string, number>() as PerTenant);
export const formatPerTenant = (m: PerTenant) => [...m].sort().map(([t, n]) => `${t} ${n}`).join(', ');

type TopicCheck = { records: Received[]; inTopic: PerTenant; acked: PerTenant; writtenAnyway: number; failed: number };

/** Every acknowledged event in pulse.sensor_raw and pulse.logins exactly once; anything beyond
 *  them only from sends that reported failure. Returns each topic's records and per-tenant counts. */
export async function expectRawExactlyOnce(load: PipelineLoad): Promise<{ raw: TopicCheck; logins: TopicCheck }> {
  const [raw, logs] = [await load.kafka.collect('pulse.sensor_raw'), await load.kafka.collect('pulse.logins')];
  const want = (topic: string) => [...load.acked.keys()].filter((k) => k.startsWith(`${topic}:`)).length;
  await until('the raw topics read back', () => raw.length >= want('pulse.sensor_raw') && logs.length >= want('pulse.logins'), 120_000);
  await sleep(3000); // anything duplicated would be there too
  const check = (topic: string, records: Received[], idOf: (v: never) => string, tenantOf: (v: never) => string): TopicCheck => {
    const mine = records.filter((r) => !r.value.includes('flush-watermark'));
    const { count, repeated } = tally(mine, idOf);
    expect(repeated, `${topic}: duplicated`).toEqual([]);
    const acked = [...load.acked].filter(([k]) => k.startsWith(`${topic}:`));
    expect(acked.filter(([k]) => !count.has(k.slice(topic.length + 1))), `${topic}: acknowledged but missing`).toEqual([]);
    // Anything beyond the acknowledged events is from a send that reported failure.
    const extra = [...count.keys()].filter((id) => !load.acked.has(`${topic}:${id}`));
    expect(extra.filter((id) => !load.failed.has(`${topic}:${id}`)), `${topic}: in the topic, never sent`).toEqual([]);
    return {
      records: mine,
      inTopic: perTenant(mine.map((r) => tenantOf(JSON.parse(r.value) as never))),
      acked: perTenant(acked.map(([, t]) => t)),
      writtenAnyway: extra.length,
      failed: [...load.failed.keys()].filter((k) => k.startsWith(`${topic}:`)).length,
    };
  };
  return {
    raw: check('pulse.sensor_raw', raw, ((r: { sensor_id: string; timestamp: number }) => `${r.sensor_id}@${r.timestamp}`) as (v: never) => string, ((r: { sensor_id: string }) => SENSOR.get(r.sensor_id)?.tenant ?? '?') as (v: never) => string),
    logins: check('pulse.logins', logs, loginId as (v: never) => string, ((l: { tenant: string }) => l.tenant) as (v: never) => string),
  };
}

/** The enriched topic (read_committed) holds one record per raw reading of a known sensor, with
 *  the reference's tenant and location. Returns the enriched readings. */
export async function expectEnrichedExactlyOnce(load: PipelineLoad, raw: Received[]): Promise<Reading[]> {
  const expected = raw.map((r) => JSON.parse(r.value)).filter((r) => SENSOR.has(r.sensor_id)).map((r) => `${r.sensor_id}@${r.timestamp}`);
  const out = await load.kafka.collect('pulse.sensor_readings');
  await until(`${expected.length} enriched readings`, () => out.length >= expected.length, 240_000).catch((e: Error) => {
    throw new Error(`${e.message}: have ${out.length}`);
  });
  await sleep(5000);
  const readings = out.map((r) => JSON.parse(r.value) as Reading);
  expect(tally(out, readingId as (v: never) => string).repeated).toEqual([]);
  expect(readings.map(readingId).sort()).toEqual(expected.sort());
  for (const r of readings) {
    expect([r.tenant, r.location]).toEqual([SENSOR.get(r.sensor_id)!.tenant, SENSOR.get(r.sensor_id)!.location]);
    expect(r.temperature_f).toBeCloseTo((r.temperature_c * 9) / 5 + 32, 2);
  }
  return readings;
}

/** pulse.alerts (read_committed) holds one login_spike per episode whose spike window holds more
 *  than acme's threshold, valued at the failures counted in the topic; nothing else, nothing twice.
 *  `otherRules`: rules whose alerts other producers' events cause (left out of the comparison).
 *  Returns every alert record as read. */
export async function expectAlertsPerEpisode(load: PipelineLoad, logins: Received[], otherRules: string[] = []): Promise<Received[]> {
  const failures = new Map<number, number>();
  for (const r of logins) {
    const l = JSON.parse(r.value) as { ts: number; tenant: string; result: string };
    const w = Math.floor(l.ts / W) * W;
    if (l.tenant === 'acme' && l.result === 'failure') failures.set(w, (failures.get(w) ?? 0) + 1);
  }
  const spikes = load.episodes.map((b) => b + SPIKE_WINDOW * W).filter((w) => (failures.get(w) ?? 0) > ACME_MIN_FAILURES);
  const alerts = await load.kafka.collect('pulse.alerts');
  const spikeAlerts = () => alerts.filter((a) => !otherRules.includes((JSON.parse(a.value) as Alert).rule)).length;
  await until(`${spikes.length} login_spike alerts`, () => spikeAlerts() >= spikes.length, 120_000);
  await sleep(5000);
  const got = alerts.map((a) => JSON.parse(a.value) as Alert).filter((a) => !otherRules.includes(a.rule));
  expect(got.map((a) => `${a.tenant}/${a.rule}@${a.window_start}=${a.value}`).sort()).toEqual(spikes.map((w) => `acme/login_spike@${w}=${failures.get(w)}`).sort());
  return alerts;
}
