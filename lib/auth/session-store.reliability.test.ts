/** Revocations shared by two instances' session stores through a real redis-server, and without it. */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { startRedis } from '@/lib/testing/redis-server';
import { RedisSessionStore } from './session-store';

let redis: Awaited<ReturnType<typeof startRedis>>;
const clients: Redis[] = [];
const stores: RedisSessionStore[] = [];
const errors: string[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const s of stores) s.close();
  for (const c of clients) c.disconnect();
  await redis?.stop();
});

async function instance(key: string): Promise<RedisSessionStore> {
  const client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on('error', () => {}); // Redis going away is part of the test
  clients.push(client);
  await new Promise((r) => client.once('ready', r));
  const store = new RedisSessionStore(client, { key, ttlMs: 60_000, pollMs: 250, onError: (err) => errors.push(err.message) });
  await store.start();
  stores.push(store);
  return store;
}

describe('RedisSessionStore', () => {
  it('shows a revocation on the other instance within a second, and to an instance started later', async () => {
    const [a, b] = [await instance('test:revoked'), await instance('test:revoked')];
    const id = await a.create();
    expect([await a.check(id), await b.check(id)]).toEqual([true, true]);
    await a.revoke(id, Date.now() + 60_000);
    const revokedAt = performance.now();
    expect(await a.check(id)).toBe(false);
    while ((await b.check(id)) && performance.now() - revokedAt < 3_000) await new Promise((r) => setTimeout(r, 10));
    const seenAfter = performance.now() - revokedAt;
    console.log(`revocation seen by the other store after ${seenAfter.toFixed(0)} ms`);
    expect(seenAfter).toBeLessThan(1_000);
    expect(await (await instance('test:revoked')).check(id)).toBe(false);
    expect(await b.check(await b.create())).toBe(true);
  });

  it('keeps a revocation made while Redis is away on its own instance and says the sign-out must be repeated', async () => {
    const a = await instance('test:away');
    const id = await a.create();
    await redis.stop();
    const failure = await a.revoke(id, Date.now() + 60_000).then(() => null, (err: unknown) => err);
    expect(isAppError(failure) && [failure.code, failure.status, failure.retryAfterS]).toEqual(['engine_unavailable', 503, 1]);
    expect(await a.check(id)).toBe(false);
    expect(errors.length).toBeGreaterThan(0);
  });
});
