/**
 * Two app instances (two answer caches) sharing one real redis-server: concurrent identical
 * misses on both run one computation; and with Redis gone each still answers on its own.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '@/lib/testing/redis-server';
import { ResponseCache } from './response-cache';
import { SharedStore } from './shared-store';

let redis: Awaited<ReturnType<typeof startRedis>>;
const clients: Redis[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await redis?.stop();
});

/** One app instance's answer cache; instances with the same prefix share their answers. */
async function instance(url: string, prefix = `test:${Math.random()}:`) {
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on('error', () => {}); // an unreachable Redis is part of the test
  clients.push(client);
  await new Promise((r) => (client.once('ready', r), client.once('end', r)));
  const shared = new SharedStore<string>(client, { prefix, lockMs: 5_000, pollMs: 5 });
  return new ResponseCache<string>({ maxBytes: 1 << 20, swrMs: 1_000, shared }, (v) => v.length);
}

describe('SharedStore on a real redis-server', () => {
  it('runs one computation for identical concurrent misses on two instances', async () => {
    const prefix = 'test:two-instances:';
    const [a, b] = [await instance(redis.url, prefix), await instance(redis.url, prefix)];
    let computations = 0;
    const load = async () => {
      computations++;
      await new Promise((r) => setTimeout(r, 100));
      return 'answer';
    };
    const burst = (cache: ResponseCache<string>) => Array.from({ length: 20 }, () => cache.get('k', load, { ttlMs: 5_000 }));
    const replies = await Promise.all([...burst(a), ...burst(b)]);
    expect(computations).toBe(1);
    expect(replies.every((r) => r.value === 'answer')).toBe(true);
    // Both now hold it locally, with the time it was first stored.
    const [ha, hb] = [await a.get('k', load, { ttlMs: 5_000 }), await b.get('k', load, { ttlMs: 5_000 })];
    expect([ha.status, hb.status]).toEqual(['hit', 'hit']);
    expect(ha.storedAt).toBe(hb.storedAt);
    // A third instance, started later, finds the answer in Redis instead of computing it: a hit,
    // stored when the first instance stored it, with its true age.
    const c = await instance(redis.url, prefix);
    const third = await c.get('k', load, { ttlMs: 5_000 });
    expect([third.status, third.value, computations]).toEqual(['hit', 'answer', 1]);
    expect(third.storedAt).toBe(ha.storedAt);
    expect(third.ageMs).toBeGreaterThan(0);
  });

  it('passes a failed computation to its callers once, without retrying it elsewhere', async () => {
    const cache = await instance(redis.url);
    let computations = 0;
    const failing = async () => {
      computations++;
      throw new Error('engine down');
    };
    await expect(cache.get('fails', failing, { ttlMs: 5_000 })).rejects.toThrow('engine down');
    expect(computations).toBe(1);
  });

  it('computes locally while Redis is unreachable', async () => {
    const gone = await instance('redis://127.0.0.1:1'); // nothing listens there
    let computations = 0;
    const got = await gone.get('k', async () => (computations++, 'local'), { ttlMs: 5_000 });
    expect(got.value).toBe('local');
    expect(computations).toBe(1);
  });
});
