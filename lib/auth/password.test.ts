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

  it('hashes one password at a time and refuses a burst beyond the queue, so libuv’s pool stays with the queries', async () => {
    const stored = await hashPassword('pw');
    let maxHashing = 0;
    const sampler = setInterval(() => (maxHashing = Math.max(maxHashing, hashingLoad().hashing)), 1);
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => verifyPassword('pw', stored)));
    clearInterval(sampler);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(maxHashing).toBe(1);
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === true)).toHaveLength(33); // one running, 32 waiting
    expect(refused).toHaveLength(7);
    expect(refused.every((r) => isAppError(r.reason) && r.reason.code === 'rate_limited' && r.reason.retryAfterS === 1)).toBe(true);
    expect(hashingLoad()).toEqual({ hashing: 0, waiting: 0 });
  });
});
