import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '@/lib/errors/app-error';
import type { User } from './users';

/**
 * Where sessions live. Today the signed cookie carries the session and the store keeps what
 * ended early (revoked ids); the app-state database will keep sessions themselves behind the
 * same three calls. `check` runs on every request, so an implementation answers it locally.
 */
export interface SessionStore {
  /** A new session's id: random, unguessable, carried in the signed cookie. */
  create(user: User, expiresAt: number): Promise<string>;
  /** False once the session was revoked, on any instance. */
  check(id: string): Promise<boolean>;
  /** Ends the session everywhere; `expiresAt` bounds how long the revocation must be kept. */
  revoke(id: string, expiresAt: number): Promise<void>;
  close(): void;
}

export function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}

/** Revoked ids until the sessions would have expired anyway. */
class RevokedIds {
  private readonly until = new Map<string, number>();
  private prunedAt = 0;

  add(id: string, expiresAt: number, now: number): void {
    this.until.set(id, expiresAt);
    if (now - this.prunedAt < 60_000) return;
    this.prunedAt = now;
    for (const [k, exp] of this.until) if (exp <= now) this.until.delete(k);
  }

  has(id: string): boolean {
    return this.until.has(id);
  }
}

/** One instance: revocations are seen by this process only. */
export class MemorySessionStore implements SessionStore {
  private readonly revoked = new RevokedIds();

  async create(): Promise<string> {
    return newSessionId();
  }

  async check(id: string): Promise<boolean> {
    return !this.revoked.has(id);
  }

  async revoke(id: string, expiresAt: number): Promise<void> {
    this.revoked.add(id, expiresAt, Date.now());
  }

  close(): void {}
}

export type RedisSessionStoreOptions = {
  /** The sorted set of revocations (member "id expiresAt", score = when revoked, ms). */
  key: string;
  /** The longest a session lives: revocations older than this are dropped. */
  ttlMs: number;
  /** How often each instance reads new revocations: a revocation is seen everywhere within this plus a round trip. */
  pollMs: number;
  onError: (err: Error) => void;
};

/**
 * Several instances: a revocation is written to Redis and read by every instance within `pollMs`
 * into a local set, so the per-request check never waits on Redis. Each poll reads back from the
 * last successful one (less 10 s for clocks that differ between instances), so an instance cut off
 * from Redis catches up on what it missed. While Redis is away, an instance knows the revocations
 * made on itself and those read before.
 */
export class RedisSessionStore implements SessionStore {
  private readonly revoked = new RevokedIds();
  private lastOk = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly opts: RedisSessionStoreOptions,
  ) {}

  /** Reads the revocations still in force, then keeps reading new ones. */
  async start(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs);
    this.timer.unref();
  }

  async create(): Promise<string> {
    return newSessionId();
  }

  async check(id: string): Promise<boolean> {
    return !this.revoked.has(id);
  }

  async revoke(id: string, expiresAt: number): Promise<void> {
    const now = Date.now();
    this.revoked.add(id, expiresAt, now);
    try {
      await this.redis.multi().zadd(this.opts.key, now, `${id} ${expiresAt}`).zremrangebyscore(this.opts.key, '-inf', now - this.opts.ttlMs).exec();
    } catch (err) {
      // Ended here, but the other instances cannot be told: the client should sign out again.
      this.opts.onError(err as Error);
      throw new AppError('engine_unavailable', 'Signing out could not reach every server. Please try again.', undefined, 1);
    }
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    const now = Date.now();
    const since = Math.max(now - this.opts.ttlMs, this.lastOk - 10_000);
    try {
      const members = await this.redis.zrangebyscore(this.opts.key, since, '+inf');
      for (const member of members) {
        const [id, expiresAt] = member.split(' ');
        if (id) this.revoked.add(id, Number(expiresAt), now);
      }
      this.lastOk = now;
    } catch (err) {
      this.opts.onError(err as Error);
    }
  }
}
