import 'server-only';
import type { Redis } from 'ioredis';
import { Auth } from '@/lib/auth/auth';
import { parseTrustedProxies } from '@/lib/auth/client-address';
import { cookiePolicy } from '@/lib/auth/cookies';
import { keyRing } from '@/lib/auth/keys';
import { LoginLimiter } from '@/lib/auth/login-limiter';
import { SESSION_TTL_S } from '@/lib/auth/session';
import { MemorySessionStore, RedisSessionStore } from '@/lib/auth/session-store';
import { demoUsersEnabled } from '@/lib/auth/users';
import { isDemoMode, type Config } from './config';
import { embedTokens } from './embed';

/** Sessions and sign-in from the configuration: shared through Redis when several instances run. */
export async function createAuth(config: Config, redis: Redis | undefined): Promise<Auth> {
  const demoMode = isDemoMode(config);
  if (!config.PULSE_SECRET) console.warn('[pulseboard] PULSE_SECRET is unset: demo mode signs sessions with a random per-process key (they end on restart and other instances reject them)');
  const demoUsers = demoUsersEnabled(config.PULSE_DEMO_USERS, demoMode);
  if (demoUsers && !demoMode) console.warn('[pulseboard] PULSE_DEMO_USERS=on: the demo accounts (password "demo") can sign in to real data');
  let store: MemorySessionStore | RedisSessionStore = new MemorySessionStore();
  if (redis) {
    const redisStore = new RedisSessionStore(redis, {
      key: 'pulse:v1:revoked-sessions',
      ttlMs: SESSION_TTL_S * 1000,
      pollMs: 250,
      onError: logEvery(10_000, (err) => console.error(`[sessions] revocations through Redis failed: ${err.message}`)),
    });
    await connected(redis, 2_000);
    await redisStore.start();
    store = redisStore;
  }
  return new Auth({
    keys: keyRing({ secret: config.PULSE_SECRET, previous: config.PULSE_SECRET_PREVIOUS }),
    store,
    limiter: new LoginLimiter(redis),
    cookie: cookiePolicy(config.PULSE_PUBLIC_URL),
    trustedProxies: parseTrustedProxies(config.PULSE_TRUSTED_PROXIES),
    demoUsers,
    embed: embedTokens(config),
  });
}

/** Waits (a bounded time) for the connection, so the first read of revocations does not fail for nothing. */
function connected(redis: Redis, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (redis.status === 'ready') return resolve();
    redis.once('ready', () => resolve());
    setTimeout(resolve, timeoutMs).unref();
  });
}

/** A failing poll every 250 ms would flood the log: one line per interval is enough. */
function logEvery(ms: number, log: (err: Error) => void): (err: Error) => void {
  let last = 0;
  return (err) => {
    if (Date.now() - last < ms) return;
    last = Date.now();
    log(err);
  };
}
