import 'server-only';
import type { Redis } from 'ioredis';
import { Auth, type SessionLedger } from '@/lib/auth/auth';
import { parseTrustedProxies } from '@/lib/auth/client-address';
import { cookiePolicy } from '@/lib/auth/cookies';
import { keyRing } from '@/lib/auth/keys';
import { LoginLimiter } from '@/lib/auth/login-limiter';
import { SESSION_TTL_S } from '@/lib/auth/session';
import { MemorySessionStore, RedisSessionStore } from '@/lib/auth/session-store';
import type { UserDirectory } from '@/lib/auth/users';
import type { Store } from '@/lib/store/store';
import type { Config } from './config';

/** Sessions and sign-in from the configuration: accounts in the app-state database, revocations shared through Redis when several instances run. */
export async function createAuth(config: Config, redis: Redis | undefined, store: Store): Promise<Auth> {
  if (!config.PULSE_SECRET) console.warn('[pulseboard] PULSE_SECRET is unset: demo mode signs sessions with a random per-process key (they end on restart and other instances reject them)');
  let sessions: MemorySessionStore | RedisSessionStore = new MemorySessionStore();
  if (redis) {
    const redisStore = new RedisSessionStore(redis, {
      key: 'pulse:v1:revoked-sessions',
      ttlMs: SESSION_TTL_S * 1000,
      pollMs: 250,
      onError: logEvery(10_000, (err) => console.error(`[sessions] revocations through Redis failed: ${err.message}`)),
    });
    await connected(redis, 2_000);
    await redisStore.start();
    sessions = redisStore;
  } else {
    // Without Redis the revocation set starts empty: refill it from the record, so a revoked
    // session signed with a configured PULSE_SECRET stays refused after a restart.
    for (const s of await store.sessions.revokedSince(new Date(Date.now() - SESSION_TTL_S * 1000))) await sessions.revoke(s.id, s.expiresAt);
  }
  return new Auth({
    keys: keyRing({ secret: config.PULSE_SECRET, previous: config.PULSE_SECRET_PREVIOUS }),
    store: sessions,
    limiter: new LoginLimiter(redis),
    cookie: cookiePolicy(config.PULSE_PUBLIC_URL),
    trustedProxies: parseTrustedProxies(config.PULSE_TRUSTED_PROXIES),
    directory: storeDirectory(store),
    ledger: storeLedger(store),
  });
}

export function storeDirectory(store: Store): UserDirectory {
  return {
    async findLogin(email) {
      const login = await store.users.findLogin(email);
      return login && { user: { email: login.email, tenant: login.tenant, tenantName: login.tenantName }, passwordHash: login.passwordHash };
    },
  };
}

/** Sessions into the sessions table, sign-ins and sign-outs into the tenant's audit log. */
export function storeLedger(store: Store): SessionLedger {
  return {
    async signedIn({ id, user, expiresAt }) {
      await store.transaction(async (s) => {
        await s.sessions.record({ id, email: user.email, tenant: user.tenant, expiresAt });
        await s.audit.record({ tenant: user.tenant, actor: user.email, action: 'sign_in' });
      });
    },
    async signedOut({ id, user }) {
      await store.sessions.revoke(id);
      await store.audit.record({ tenant: user.tenant, actor: user.email, action: 'sign_out' });
    },
    async failed(email, address) {
      const login = await store.users.findLogin(email);
      // An unknown email is noted without a tenant: no tenant's admin learns of other tenants' guesses.
      await store.audit.record({ tenant: login?.tenant ?? null, actor: email.trim().toLowerCase().slice(0, 254), action: 'sign_in_failed', detail: { address } });
    },
  };
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
