import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { hashingLoad, hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password only', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct hors', stored)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });

  it('hashes one password at a time, at most 4 a second, and refuses a burst beyond the queue', async () => {
    const stored = await hashPassword('pw');
    let maxHashing = 0;
    const finished: number[] = [];
    const t0 = performance.now();
    const sampler = setInterval(() => (maxHashing = Math.max(maxHashing, hashingLoad().hashing)), 1);
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, async () => {
        const ok = await verifyPassword('pw', stored);
        finished.push(performance.now());
        return ok;
      }),
    );
    clearInterval(sampler);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(maxHashing).toBe(1);
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === true)).toHaveLength(9); // one hashing, 8 waiting
    expect(refused).toHaveLength(31);
    expect(refused.every((r) => isAppError(r.reason) && r.reason.code === 'rate_limited' && r.reason.retryAfterS === 2)).toBe(true);
    // 9 hashes started at least 250 ms apart: the last one finished 2 s or more after the burst began.
    expect(Math.max(...finished) - t0).toBeGreaterThanOrEqual(8 * 250);
    expect(hashingLoad()).toEqual({ hashing: 0, waiting: 0 });
  });
});
