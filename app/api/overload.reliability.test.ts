/**
 * Overload: one tenant offers ten times the measured capacity in distinct cold queries (every
 * one a cache miss). Admission control sheds the excess with fast 429s, the queries it admits
 * keep a bounded p99, memory stays under a stated cap, and another tenant is still served.
 * Bounds are ratios to figures measured in the same run, not fixed times.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getRuntime } from '@/lib/runtime/runtime';
import { api, cookieFor } from '@/lib/testing/api-client';

process.env.PULSE_LIVE = 'off';
process.env.PULSE_MAX_RUNNING = '4';
process.env.PULSE_MAX_QUEUED = '64';
const MAX_RUNNING = 4;
const MAX_QUEUED = 64;
/** Stated cap: the storm may grow the process's resident memory by at most this much. */
const MEMORY_CAP_MIB = 512;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  await getRuntime();
  cookies.acme = await cookieFor('demo@acme.test');
  cookies.globex = await cookieFor('demo@globex.test');
});

/** A distinct view per request: a different contains-filter value makes a different cache key. */
let distinct = 0;
const coldQuery = () => ({
  dashboard: 'cluster-overview',
  panel: 'latency',
  view: { range: { last: 'P7D' }, filters: [{ dim: 'client', op: 'contains', values: [`-${distinct++}`] }] },
});

async function timed(cookie: string) {
  const started = performance.now();
  const r = await api.query(coldQuery(), cookie);
  return { status: r.status, code: r.body?.error?.code as string | undefined, ms: performance.now() - started };
}

const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

describe('overload', () => {
  it('sheds ten times capacity fast, keeps admitted latency bounded and memory capped, and serves the other tenant', async () => {
    // Capacity: as many cold queries as may run at once, back to back, for three seconds.
    const unloaded: number[] = [];
    const until = performance.now() + 3_000;
    await Promise.all(
      Array.from({ length: MAX_RUNNING }, async () => {
        while (performance.now() < until) unloaded.push((await timed(cookies.acme!)).ms);
      }),
    );
    const capacity = unloaded.length / 3;

    // The storm: 10× capacity offered open-loop for five seconds, in 20 ms ticks; the other tenant at 5/s.
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const storm: Promise<Awaited<ReturnType<typeof timed>>>[] = [];
    const others: Promise<Awaited<ReturnType<typeof timed>>>[] = [];
    const perTick = Math.max(1, Math.round((10 * capacity) / 50));
    for (let tick = 0; tick < 250; tick++) {
      for (let i = 0; i < perTick; i++) storm.push(timed(cookies.acme!));
      if (tick % 10 === 0) others.push(timed(cookies.globex!));
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      await new Promise((r) => setTimeout(r, 20));
    }
    const [stormReplies, otherReplies] = [await Promise.all(storm), await Promise.all(others)];
    const served = stormReplies.filter((r) => r.status === 200);
    const shed = stormReplies.filter((r) => r.status === 429);
    const growthMiB = (rssPeak - rssBefore) / 2 ** 20;
    console.log(
      `overload: capacity ${capacity.toFixed(0)} cold queries/s (p50 ${p(unloaded, 0.5).toFixed(1)} ms); storm of ${stormReplies.length} in 5 s → ` +
        `${served.length} served (p99 ${p(served.map((r) => r.ms), 0.99).toFixed(0)} ms), ${shed.length} shed with 429 (p99 ${p(shed.map((r) => r.ms), 0.99).toFixed(1)} ms); ` +
        `other tenant ${otherReplies.filter((r) => r.status === 200).length}/${otherReplies.length} served; RSS +${growthMiB.toFixed(0)} MiB (cap ${MEMORY_CAP_MIB})`,
    );

    expect(served.length + shed.length).toBe(stormReplies.length);
    expect(shed.length).toBeGreaterThan(stormReplies.length / 2);
    expect(shed.every((r) => r.code === 'rate_limited')).toBe(true);
    // A refusal never takes longer than an unloaded query, and waiting is bounded by the queue:
    // at most MAX_QUEUED ahead, MAX_RUNNING at a time, each about an unloaded query's time.
    expect(p(shed.map((r) => r.ms), 0.99)).toBeLessThan(p(unloaded, 0.99));
    const queueBound = (MAX_QUEUED / MAX_RUNNING + 2) * p(unloaded, 0.99);
    expect(p(served.map((r) => r.ms), 0.99)).toBeLessThan(queueBound);
    expect(growthMiB).toBeLessThan(MEMORY_CAP_MIB);
    expect(otherReplies.every((r) => r.status === 200)).toBe(true);
  }, 300_000);
});
