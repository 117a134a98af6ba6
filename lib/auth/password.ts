import 'server-only';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '@/lib/errors/app-error';

/** Format: scrypt$N$r$p$salt$hash (base64url), so parameters can be raised later per user. */
const PARAMS = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

/**
 * scrypt runs on libuv's threadpool (4 threads unless UV_THREADPOOL_SIZE says otherwise), the
 * same pool DuckDB's queries run on, and takes a core's worth of CPU and 16 MiB while it runs.
 * One hash at a time, at most 4 a second, and a short queue refused beyond its length: a burst of
 * sign-ins (guessing or not) holds at most one of the pool's threads and a fifth of one core; the
 * rest stays with the dashboards. (Measured on 2 busy cores: hashing flat out on one thread, about
 * 27 a second, raised another tenant's uncached p95 more than threefold.) 4 a second is 14,400
 * sign-ins an hour per instance, for sessions that last 8 hours.
 */
const MIN_SPACING_MS = 250;
const MAX_WAITING = 8;

let hashing = false;
let lastStart = 0;
const waiting: (() => void)[] = [];

async function bounded<T>(work: () => Promise<T>): Promise<T> {
  if (hashing) {
    if (waiting.length >= MAX_WAITING) throw new AppError('rate_limited', 'Too many sign-ins at once. Try again in a moment.', undefined, 2);
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else hashing = true;
  try {
    const wait = lastStart + MIN_SPACING_MS - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastStart = performance.now();
    return await work();
  } finally {
    // The slot passes straight to the next in line, or is freed.
    const next = waiting.shift();
    if (next) next();
    else hashing = false;
  }
}

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return bounded(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password, salt, KEY_LENGTH, opts, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Hashes in progress and waiting, for tests and metrics. */
export function hashingLoad(): { hashing: number; waiting: number } {
  return { hashing: hashing ? 1 : 0, waiting: waiting.length };
}
