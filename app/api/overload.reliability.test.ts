/**
 * Overload: one tenant floods the API with distinct cold queries (every one a cache miss).
 * Admission control sheds the excess at once with 429, and another tenant's queries still
 * get their share of the engine and succeed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getRuntime } from '@/lib/server/runtime';
import { api, cookieFor } from '@/lib/testing/api-client';

process.env.PULSE_LIVE = 'off';
process.env.PULSE_MAX_RUNNING = '4';
process.env.PULSE_MAX_QUEUED = '64';
const cookies: Record<string, string> = {};

beforeAll(async () => {
  await getRuntime();
  cookies.acme = await cookieFor('demo@acme.test');
  cookies.globex = await cookieFor('demo@globex.test');
});

/** A distinct view per request: a different contains-filter value makes a different cache key. */
const query = (i: number) => ({
  dashboard: 'cluster-overview',
  panel: 'latency',
  view: { range: { last: 'P7D' }, filters: [{ dim: 'client', op: 'contains', values: [`-${i}`] }] },
});

describe('overload', () => {
  it('sheds a storm with fast 429s while another tenant keeps being served', async () => {
    const storm = Array.from({ length: 400 }, (_, i) => api.query(query(i), cookies.acme));
    const others = Array.from({ length: 8 }, (_, i) => api.query(query(1000 + i), cookies.globex));
    const [stormReplies, otherReplies] = await Promise.all([Promise.all(storm), Promise.all(others)]);
    const shed = stormReplies.filter((r) => r.status === 429);
    const served = stormReplies.filter((r) => r.status === 200);
    console.log(`overload: storm of 400 → ${served.length} served, ${shed.length} shed with 429; other tenant ${otherReplies.filter((r) => r.status === 200).length}/8 served`);
    expect(shed.length).toBeGreaterThan(0);
    expect(served.length + shed.length).toBe(400);
    expect(shed.every((r) => r.body.error.code === 'rate_limited')).toBe(true);
    expect(otherReplies.every((r) => r.status === 200)).toBe(true);
  }, 300_000);
});
