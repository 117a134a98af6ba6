/**
 * Sign-in as an attacker tries it, against two real app instances (`npm start`'s server, built
 * once) sharing a real redis-server: guessing one account meets 429s with growing Retry-After on
 * both instances; a guessing burst from many addresses leaves another tenant's uncached dashboard
 * queries at their latency; a signed-out cookie is refused everywhere within a second.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '@/bench/server';
import { startRedis } from '@/lib/testing/redis-server';

const PORT = Number(process.env.PULSE_TEST_PORT ?? 3620);
let redis: Awaited<ReturnType<typeof startRedis>>;
let a: Awaited<ReturnType<typeof startApp>>;
let b: Awaited<ReturnType<typeof startApp>>;

beforeAll(async () => {
  redis = await startRedis();
  // Loopback is the trusted proxy here, so the test can speak for many client addresses.
  const env = { PULSE_REDIS_URL: redis.url, PULSE_SECRET: randomBytes(32).toString('base64'), PULSE_TRUSTED_PROXIES: '127.0.0.1/32,::1/128' };
  a = await startApp(PORT, env); // builds first when the sources changed
  b = await startApp(PORT + 1, env);
}, 600_000);

afterAll(async () => {
  a?.stop();
  b?.stop();
  await redis?.stop();
});

const JSON_TYPE = { 'content-type': 'application/json' };

function signIn(url: string, email: string, password: string, from?: string) {
  return fetch(`${url}/api/session`, { method: 'POST', headers: { ...JSON_TYPE, ...(from ? { 'x-forwarded-for': from } : {}) }, body: JSON.stringify({ email, password }) });
}

async function cookieFor(url: string, email: string, from: string): Promise<string> {
  const res = await signIn(url, email, 'demo', from);
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], q: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

describe('login guessing', () => {
  it('answers 429 with a growing Retry-After, on every instance, and refuses even the right password meanwhile', async () => {
    const from = '198.51.100.10';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn(a.url, 'ops@acme.test', 'guess', from)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);

    // The attacker waits as told and guesses again: each wait is twice the one before.
    const waits: number[] = [];
    while (waits.length < 3) {
      const res = await signIn(waits.length % 2 ? b.url : a.url, 'ops@acme.test', 'guess', from);
      if (res.status === 401) continue;
      expect(res.status).toBe(429);
      const body = await res.json();
      expect(body.error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('Try again in') });
      const retryAfter = Number(res.headers.get('retry-after'));
      waits.push(retryAfter);
      await sleep(retryAfter * 1000 + 50);
    }
    console.log(`login guessing: Retry-After after failures 6, 7, 8 = ${waits.join(', ')} s`);
    expect(waits).toEqual([1, 2, 4]);

    // While the account waits, the right password is refused too, on both instances.
    await signIn(a.url, 'ops@acme.test', 'guess', from);
    for (const app of [a, b]) expect((await signIn(app.url, 'ops@acme.test', 'demo', '203.0.113.77')).status).toBe(429);
  }, 120_000);

  it('keeps another tenant’s uncached dashboard queries at their latency during a guessing burst from many addresses', async () => {
    const cookie = await cookieFor(a.url, 'demo@globex.test', '203.0.113.200');
    let distinct = 0;
    // Every query a cache miss: a different contains-filter value is a different view.
    const query = async () => {
      const started = performance.now();
      const res = await fetch(`${a.url}/api/query`, {
        method: 'POST',
        headers: { ...JSON_TYPE, cookie },
        body: JSON.stringify({ dashboard: 'cluster-overview', panel: 'latency', view: { range: { last: 'P7D' }, filters: [{ dim: 'client', op: 'contains', values: [`-${distinct++}`] }] } }),
      });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      return performance.now() - started;
    };
    // Two viewers, as two panels of one dashboard loading at once, until `until`.
    const dashboard = async (until: number, times: number[]) => {
      await Promise.all([0, 1].map(async () => {
        while (performance.now() < until) times.push(await query());
      }));
    };
    await dashboard(performance.now() + 1_000, []); // warm-up

    // The burst: 12 guesses/s offered open-loop, each a new account from a new address, so no
    // limit applies and every one asks for a hash: three times what hashing may use, the rest are
    // refused unhashed. Before hashing was bounded, 50/s left this tenant's queries waiting behind
    // the hashes on libuv's pool (measured on the build before: 2 answered in 6 s, after 10 s each).
    const outcomes = { 401: 0, 429: 0, other: 0 };
    const guesses: Promise<void>[] = [];
    const guess = async (i: number) => {
      const res = await signIn(a.url, `user${i}@acme.test`, 'guess', `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      await res.arrayBuffer();
      if (res.status === 401 || res.status === 429) outcomes[res.status]++;
      else outcomes.other++;
    };
    // Quiet and burst periods alternate, so load from elsewhere on the machine falls on both alike.
    const quiet: number[] = [];
    const burst: number[] = [];
    for (let round = 0; round < 6; round++) {
      await dashboard(performance.now() + 1_500, quiet);
      const until = performance.now() + 1_800;
      const offering = (async () => {
        while (performance.now() < until) {
          guesses.push(guess(guesses.length));
          await sleep(1000 / 12);
        }
      })();
      await sleep(300);
      await dashboard(until, burst);
      await offering;
      await Promise.all(guesses); // the hashing queue drains before the next quiet period
    }
    const n = guesses.length;

    const figures = (xs: number[]) => `p50 ${pct(xs, 0.5).toFixed(1)} ms, p95 ${pct(xs, 0.95).toFixed(1)} ms (${xs.length} queries)`;
    console.log(`login burst: ${n} guesses offered in 6 bursts of 1.8 s → ${outcomes[401]} hashed and refused (401), ${outcomes[429]} refused unhashed (429); other tenant quiet ${figures(quiet)}; during the burst ${figures(burst)}`);
    expect(outcomes.other).toBe(0);
    expect(outcomes[401]).toBeGreaterThan(20);
    // More were offered than one thread hashes: the rest were refused at once, unhashed.
    expect(outcomes[429]).toBeGreaterThan(0);
    expect(pct(burst, 0.95)).toBeLessThan(3 * pct(quiet, 0.95));
  }, 120_000);
});

describe('sign-out', () => {
  it('revokes the session: the old cookie is refused on this instance at once and on the other within a second', async () => {
    const cookie = await cookieFor(a.url, 'demo@acme.test', '203.0.113.201');
    const panel = JSON.stringify({ dashboard: 'cluster-overview', panel: 'top_topics', view: { range: { last: 'P1D' }, tz: 'UTC' } });
    const query = (url: string) => fetch(`${url}/api/query`, { method: 'POST', headers: { ...JSON_TYPE, cookie }, body: panel });
    // Both instances accept it (one secret) and have it in their verified-token caches.
    for (const app of [a, b]) {
      expect((await fetch(`${app.url}/api/session`, { headers: { cookie } })).status).toBe(200);
      expect((await query(app.url)).status).toBe(200);
    }

    const out = await fetch(`${a.url}/api/session`, { method: 'DELETE', headers: { cookie } });
    const signedOutAt = performance.now();
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^pb_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    expect((await query(a.url)).status).toBe(401);
    const again = await fetch(`${a.url}/api/session`, { headers: { cookie } });
    expect(again.status).toBe(401);
    expect((await again.json()).error.code).toBe('unauthenticated');

    let refusedAfter = Infinity;
    while (performance.now() - signedOutAt < 3_000) {
      if ((await query(b.url)).status === 401) {
        refusedAfter = performance.now() - signedOutAt;
        break;
      }
      await sleep(20);
    }
    console.log(`sign-out: the old cookie refused by the other instance ${refusedAfter.toFixed(0)} ms after sign-out`);
    expect(refusedAfter).toBeLessThan(1_000);
    expect((await fetch(`${b.url}/api/session`, { headers: { cookie } })).status).toBe(401);
    // Other sessions of the same user live on.
    const fresh = await cookieFor(b.url, 'demo@acme.test', '203.0.113.202');
    expect((await fetch(`${a.url}/api/session`, { headers: { cookie: fresh } })).status).toBe(200);
  }, 60_000);
});
