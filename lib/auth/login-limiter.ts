import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '@/lib/errors/app-error';

/** How many failed sign-ins a key may have before each further one makes it wait, and how long. */
export type LoginLimits = {
  /** Failures allowed before the first wait. */
  freeFailures: number;
  /** The first wait; each further failure doubles it. */
  firstDelayS: number;
  maxDelayS: number;
};

/** One account (anyone's guesses at it) and one client address (its guesses at anyone). */
export const ACCOUNT_LIMITS: LoginLimits = { freeFailures: 5, firstDelayS: 1, maxDelayS: 15 * 60 };
/** An address may be a whole office behind one NAT: more room before it waits. */
export const ADDRESS_LIMITS: LoginLimits = { freeFailures: 20, firstDelayS: 1, maxDelayS: 15 * 60 };
/** Failures are counted in windows of this length from the first one (an account's are cleared on success). */
const FAILURE_MEMORY_S = 24 * 3600;

/** Seconds a key must wait after its `failures`-th consecutive failure: 0 for the free ones, then doubling. */
export function delayAfter(failures: number, limits: LoginLimits): number {
  const over = failures - limits.freeFailures;
  if (over <= 0) return 0;
  return Math.min(limits.maxDelayS, limits.firstDelayS * 2 ** Math.min(over - 1, 30));
}

function rateLimited(retryAfterS: number): AppError {
  return new AppError('rate_limited', `Too many failed sign-ins. Try again in ${retryAfterS} s.`, undefined, retryAfterS);
}

type Counters = { failures: RateLimiterAbstract; waits: RateLimiterAbstract };

function counters(redis: Redis | undefined, prefix: string): Counters {
  // Failures count up without a limit of their own; a wait is a `block` on the second limiter.
  const make = (keyPrefix: string, duration: number) => {
    const memory = new RateLimiterMemory({ keyPrefix, points: 1, duration });
    // With Redis away, counting goes on in this process (the insurance) instead of failing sign-in.
    return redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points: 1, duration, insuranceLimiter: memory }) : memory;
  };
  return { failures: make(`${prefix}fail`, FAILURE_MEMORY_S), waits: make(`${prefix}wait`, 1) };
}

/**
 * Failed sign-ins per account and per client address with growing waits (rate-limiter-flexible:
 * atomic counters with expiry, in Redis when configured so every instance sees the same counts).
 * A key that must wait is refused before its password is hashed, so guessing costs nothing then.
 */
export class LoginLimiter {
  private readonly c: Counters;

  constructor(redis: Redis | undefined, prefix = 'pulse:v1:login:') {
    this.c = counters(redis, prefix);
  }

  /**
   * Throws rate_limited (429 with Retry-After) while the account or the address must wait. Without
   * an account (single sign-on, where the provider checks the password) only the address counts.
   */
  async assertAllowed(account: string | undefined, address: string): Promise<void> {
    const keys = [addressKey(address), ...(account === undefined ? [] : [accountKey(account)])];
    const waits = await Promise.all(keys.map((k) => this.c.waits.get(k)));
    // A key is waiting while its block is in force: consumed beyond its single point.
    const ms = Math.max(0, ...waits.map((w) => (w && w.consumedPoints > 1 ? w.msBeforeNext : 0)));
    if (ms > 0) throw rateLimited(Math.ceil(ms / 1000));
  }

  async failed(account: string | undefined, address: string): Promise<void> {
    await Promise.all([
      ...(account === undefined ? [] : [this.count(accountKey(account), ACCOUNT_LIMITS)]),
      this.count(addressKey(address), ADDRESS_LIMITS),
    ]);
  }

  /** The account's guesses are forgotten; the address's are not (an attacker signs in to their own account too). */
  async succeeded(account: string): Promise<void> {
    await Promise.all([this.c.failures.delete(accountKey(account)), this.c.waits.delete(accountKey(account))]);
  }

  private async count(key: string, limits: LoginLimits): Promise<void> {
    const { consumedPoints } = await this.c.failures.penalty(key);
    const delay = delayAfter(consumedPoints, limits);
    if (delay > 0) await this.c.waits.block(key, delay);
  }
}

const accountKey = (email: string) => `a:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `ip:${address}`;
