import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LoadOptions, Stored } from './load';

/** Deletes the lock only if it is still ours: a slow holder must not free someone else's. */
const RELEASE_LUA = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export type SharedStoreOptions = {
  prefix: string;
  /** Longest a lock is held: a holder that dies frees the key after this. */
  lockMs: number;
  /** How often a waiting instance looks for the answer. */
  pollMs: number;
};

/**
 * Answers shared by several app instances through Redis, with one flight across all of them:
 * the first instance to miss takes a short lock and asks the engine; the others wait for its
 * answer to appear in Redis. If Redis is unreachable each instance simply computes for itself.
 */
export class SharedStore<V> {
  constructor(
    private readonly redis: Redis,
    private readonly opts: SharedStoreOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async load(key: string, opts: LoadOptions<V>, compute: () => Promise<V>, signal: AbortSignal): Promise<Stored<V>> {
    const dataKey = `${this.opts.prefix}answer:${key}`;
    const lockKey = `${this.opts.prefix}lock:${key}`;
    try {
      for (;;) {
        const found = await this.read(dataKey, opts);
        if (found) return found;
        const token = randomUUID();
        if (await redisOp(this.redis.set(lockKey, token, 'PX', this.opts.lockMs, 'NX'))) {
          return await this.computeAndShare(dataKey, lockKey, token, opts.ttlMs, compute);
        }
        // Another instance is asking the engine: wait for its answer, or for its lock to go.
        while (await redisOp(this.redis.exists(lockKey))) {
          signal.throwIfAborted();
          await new Promise((r) => setTimeout(r, this.opts.pollMs));
          const shared = await this.read(dataKey, opts);
          if (shared) return shared;
        }
      }
    } catch (err) {
      if (!(err instanceof RedisTrouble)) throw err;
      return { value: await compute(), storedAt: this.now() };
    }
  }

  private async computeAndShare(dataKey: string, lockKey: string, token: string, ttlMs: number, compute: () => Promise<V>): Promise<Stored<V>> {
    try {
      const stored = { value: await compute(), storedAt: this.now() };
      await this.redis.set(dataKey, JSON.stringify(stored), 'PX', ttlMs).catch(() => {});
      return stored;
    } finally {
      await this.redis.eval(RELEASE_LUA, 1, lockKey, token).catch(() => {});
    }
  }

  /** An answer another instance stored, unless it no longer answers this request. */
  private async read(dataKey: string, opts: LoadOptions<V>): Promise<Stored<V> | null> {
    const text = await redisOp(this.redis.get(dataKey));
    const stored = text ? (JSON.parse(text) as Stored<V>) : null;
    // Redis expires entries by its own clock; an instance whose clock says the TTL is over skips it too.
    if (!stored || stored.storedAt + opts.ttlMs <= this.now()) return null;
    return (opts.isCurrent?.(stored.value) ?? true) ? stored : null;
  }
}

function redisOp<T>(op: Promise<T>): Promise<T> {
  return op.catch((err: unknown) => {
    throw new RedisTrouble(err);
  });
}

/** Redis itself failed (not the computation): fall back to computing locally. */
class RedisTrouble extends Error {
  constructor(readonly cause: unknown) {
    super('redis unavailable');
  }
}
