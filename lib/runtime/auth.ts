import 'server-only';
import type { Redis } from 'ioredis';
import { Auth, type OnSignIn } from '@/lib/auth/auth';
import { parseTrustedProxies } from '@/lib/auth/client-address';
import { cookiePolicy } from '@/lib/auth/cookies';
import { keyRing } from '@/lib/auth/keys';
import { LoginLimiter } from '@/lib/auth/login-limiter';
import { SESSION_TTL_S } from '@/lib/auth/session';
import { MemorySessionStore, RedisSessionStore } from '@/lib/auth/session-store';
import { OidcSignIn, type OidcSettings } from '@/lib/auth/oidc';
import { demoUsersEnabled, tenantName } from '@/lib/auth/users';
import { isDemoMode, type Config } from './config';
import { embedTokens } from './embed';

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

/** OpenID Connect settings, when configured (loadConfig has checked they come all together). */
export function oidcSettings(config: Config): OidcSettings | undefined {
  const { PULSE_OIDC_ISSUER: issuer, PULSE_OIDC_CLIENT_ID: clientId, PULSE_OIDC_CLIENT_SECRET: clientSecret } = config;
  if (!issuer || !clientId || !clientSecret) return undefined;
  return {
    issuer: new URL(issuer),
    clientId,
    clientSecret,
    redirectUri: `${config.PULSE_PUBLIC_URL.replace(/\/+$/, '')}${OIDC_CALLBACK_PATH}`,
    scope: config.PULSE_OIDC_SCOPES ?? 'openid email profile',
    name: config.PULSE_OIDC_NAME ?? 'SSO',
    claims: { tenant: config.PULSE_OIDC_TENANT_CLAIM ?? 'tenant', role: config.PULSE_OIDC_ROLE_CLAIM ?? 'role' },
    timeoutMs: 5_000,
  };
}

/**
 * Sessions and sign-in from the configuration: shared through Redis when several instances run.
 * `onSignIn` hears of every sign-in (password or OpenID Connect) before its cookie is set.
 */
export async function createAuth(config: Config, redis: Redis | undefined, onSignIn?: OnSignIn): Promise<{ auth: Auth; oidc: OidcSignIn | undefined }> {
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
  const keys = keyRing({ secret: config.PULSE_SECRET, previous: config.PULSE_SECRET_PREVIOUS });
  const auth = new Auth({
    keys,
    store,
    limiter: new LoginLimiter(redis),
    cookie: cookiePolicy(config.PULSE_PUBLIC_URL),
    trustedProxies: parseTrustedProxies(config.PULSE_TRUSTED_PROXIES),
    demoUsers,
    embed: embedTokens(config),
    onSignIn,
  });
  const settings = oidcSettings(config);
  return { auth, oidc: settings && new OidcSignIn(settings, { auth, keys, tenantName }) };
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
