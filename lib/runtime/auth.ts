import 'server-only';
import type { Redis } from 'ioredis';
import { Auth, type OnSignIn, type SessionLedger } from '@/lib/auth/auth';
import { parseTrustedProxies } from '@/lib/auth/client-address';
import { cookiePolicy } from '@/lib/auth/cookies';
import { keyRing } from '@/lib/auth/keys';
import { LoginLimiter } from '@/lib/auth/login-limiter';
import { SESSION_TTL_S } from '@/lib/auth/session';
import { MemorySessionStore, RedisSessionStore } from '@/lib/auth/session-store';
import { OidcSignIn, type OidcSettings } from '@/lib/auth/oidc';
import type { UserDirectory } from '@/lib/auth/users';
import { AppError } from '@/lib/errors/app-error';
import type { Store } from '@/lib/store/store';
import type { CachedEmbedDirectory } from '@/lib/auth/embed-directory';
import { secretBox, type SecretBox } from '@/lib/auth/secret-box';
import { sealingSecrets, type Config } from './config';
import { embedTokens, publishEmbedDirectory, storeEmbedDirectory } from './embed';

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

export type AuthParts = {
  auth: Auth;
  oidc: OidcSignIn | undefined;
  /** Tenants' embedding settings from the database, cached briefly (lib/runtime/embed.ts). */
  embed: CachedEmbedDirectory;
  /** Seals tenant secrets stored in the database (the HS256 embedding secret). */
  secretBox: SecretBox;
};

/**
 * Sessions and sign-in from the configuration: accounts in the app-state database, revocations
 * shared through Redis when several instances run, OpenID Connect when configured, embed tokens
 * checked against the tenants' settings in the database.
 */
export async function createAuth(config: Config, redis: Redis | undefined, store: Store): Promise<AuthParts> {
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
  const keys = keyRing({ secret: config.PULSE_SECRET, previous: config.PULSE_SECRET_PREVIOUS });
  const box = secretBox(sealingSecrets(config));
  const embed = storeEmbedDirectory(store, box);
  publishEmbedDirectory(embed);
  const auth = new Auth({
    keys,
    store: sessions,
    limiter: new LoginLimiter(redis),
    cookie: cookiePolicy(config.PULSE_PUBLIC_URL),
    trustedProxies: parseTrustedProxies(config.PULSE_TRUSTED_PROXIES),
    directory: storeDirectory(store),
    ledger: storeLedger(store),
    embed: embedTokens(config, embed),
    onSignIn: provisionFromProvider(store),
  });
  const settings = oidcSettings(config);
  return { auth, oidc: settings && new OidcSignIn(settings, { auth, keys }), embed, secretBox: box };
}

export function storeDirectory(store: Store): UserDirectory {
  return {
    async findLogin(email) {
      const login = await store.users.findLogin(email);
      return login && { user: { email: login.email, tenant: login.tenant, tenantName: login.tenantName, role: login.role }, passwordHash: login.passwordHash };
    },
  };
}

/**
 * A user who signs in through the identity provider joins the database on the way (the provider
 * vouches for the tenant and role, refreshed at every sign-in), so the tenant's admins see the
 * account and can revoke its sessions. A tenant the database does not hold is refused; the
 * session carries the tenant's name as the database holds it.
 */
export function provisionFromProvider(store: Store): OnSignIn {
  return async ({ method, user }) => {
    if (method !== 'oidc') return;
    return store.transaction(async (s) => {
      const tenant = await s.tenants.get(user.tenant);
      if (!tenant) throw new AppError('forbidden', `The organisation "${user.tenant}" is not set up in Pulseboard.`);
      const account = await s.users.ensure({ email: user.email, passwordHash: null });
      await s.memberships.put(user.tenant, account.id, user.role);
      return { ...user, tenantName: tenant.name };
    });
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
