import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { ACCOUNT_LIMITS, ADDRESS_LIMITS, delayAfter, LoginLimiter } from './login-limiter';

/** The Retry-After a refused attempt carries, or null when it is allowed. */
async function retryAfter(limiter: LoginLimiter, account: string, address: string): Promise<number | null> {
  try {
    await limiter.assertAllowed(account, address);
    return null;
  } catch (err) {
    if (!isAppError(err) || err.code !== 'rate_limited') throw err;
    return err.retryAfterS ?? -1;
  }
}

describe('login delays', () => {
  it('lets the free failures through, then doubles the wait up to the cap', () => {
    const waits = Array.from({ length: 20 }, (_, i) => delayAfter(i + 1, ACCOUNT_LIMITS));
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits.slice(5, 12)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(waits.at(-1)).toBe(ACCOUNT_LIMITS.maxDelayS);
    expect(delayAfter(1_000_000, ACCOUNT_LIMITS)).toBe(ACCOUNT_LIMITS.maxDelayS);
    expect(delayAfter(ADDRESS_LIMITS.freeFailures, ADDRESS_LIMITS)).toBe(0);
    expect(delayAfter(ADDRESS_LIMITS.freeFailures + 1, ADDRESS_LIMITS)).toBe(1);
  });
});

describe('login limiter (in memory)', () => {
  it('makes an account wait longer after each failure beyond the free ones, from any address', async () => {
    const limiter = new LoginLimiter(undefined);
    for (let i = 0; i < ACCOUNT_LIMITS.freeFailures; i++) await limiter.failed('ann@acme.test', `198.51.100.${i}`);
    expect(await retryAfter(limiter, 'ann@acme.test', '203.0.113.1')).toBeNull();
    const seen = [];
    for (let i = 0; i < 3; i++) {
      await limiter.failed('Ann@Acme.test ', '198.51.100.99');
      seen.push(await retryAfter(limiter, 'ann@acme.test', '203.0.113.1'));
    }
    expect(seen).toEqual([1, 2, 4]);
    // Another account from the same addresses is not affected.
    expect(await retryAfter(limiter, 'bob@acme.test', '198.51.100.99')).toBeNull();
  });

  it('makes an address wait after guesses spread over many accounts', async () => {
    const limiter = new LoginLimiter(undefined);
    for (let i = 0; i <= ADDRESS_LIMITS.freeFailures; i++) await limiter.failed(`user${i}@acme.test`, '198.51.100.7');
    expect(await retryAfter(limiter, 'fresh@acme.test', '198.51.100.7')).toBe(1);
    expect(await retryAfter(limiter, 'fresh@acme.test', '198.51.100.8')).toBeNull();
  });

  it('forgets an account’s failures on success but keeps the address’s', async () => {
    const limiter = new LoginLimiter(undefined);
    for (let i = 0; i <= ADDRESS_LIMITS.freeFailures; i++) await limiter.failed('ann@acme.test', '198.51.100.7');
    expect(await retryAfter(limiter, 'ann@acme.test', '198.51.100.8')).toBeGreaterThan(0);
    await limiter.succeeded('ann@acme.test');
    expect(await retryAfter(limiter, 'ann@acme.test', '198.51.100.8')).toBeNull();
    expect(await retryAfter(limiter, 'ann@acme.test', '198.51.100.7')).toBe(1);
  });

  it('lets a key try again once its wait is over', async () => {
    const limiter = new LoginLimiter(undefined);
    for (let i = 0; i <= ACCOUNT_LIMITS.freeFailures; i++) await limiter.failed('ann@acme.test', '198.51.100.7');
    expect(await retryAfter(limiter, 'ann@acme.test', '198.51.100.7')).toBe(1);
    await new Promise((r) => setTimeout(r, 1_050));
    expect(await retryAfter(limiter, 'ann@acme.test', '198.51.100.7')).toBeNull();
  });
});
