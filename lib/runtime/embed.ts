import 'server-only';
import type { FetchImplementation } from 'jose';
import { cachedEmbedDirectory, type CachedEmbedDirectory } from '@/lib/auth/embed-directory';
import { EmbedTokens, type EmbedSettings } from '@/lib/auth/embed-token';
import { SecretBoxError, type SecretBox } from '@/lib/auth/secret-box';
import { logger } from '@/lib/metrics/log';
import { createOutboundClient } from '@/lib/outbound/client';
import type { Store } from '@/lib/store/store';
import type { Config } from './config';

/** A change made on another instance is seen within this; one made on this instance at once. */
export const EMBED_SETTINGS_TTL_MS = 5_000;

/**
 * Embedding settings from the app-state database (tenant_embed), the one place they live: set by
 * tenant admins (/admin, /api/admin/embed) and the operator (npm run admin -- embed-secret).
 * The HS256 secret is stored sealed; one that does not open (another PULSE_SECRET) fails closed:
 * the tenant's HS256 tokens are refused and the log says why. One sealed with the previous key
 * (during a rotation) is sealed again with the current one.
 */
export function storeEmbedDirectory(store: Store, box: SecretBox): CachedEmbedDirectory {
  return cachedEmbedDirectory(
    async (tenant): Promise<EmbedSettings | undefined> => {
      const row = await store.tenants.embedSettings(tenant);
      if (!row) return undefined;
      const hsSecrets = row.secret ? await openSecret(store, box, tenant, row.secret) : [];
      if (hsSecrets.length === 0 && !row.jwksUrl) return undefined;
      return { hsSecrets, ...(row.jwksUrl ? { jwksUrl: row.jwksUrl } : {}), allowedOrigins: row.allowedOrigins };
    },
    { ttlMs: EMBED_SETTINGS_TTL_MS, max: 10_000 },
  );
}

async function openSecret(store: Store, box: SecretBox, tenant: string, sealed: string): Promise<string[]> {
  try {
    const secret = box.open(sealed, tenant);
    if (!box.isCurrent(sealed)) await store.tenants.resealEmbedSecret(tenant, sealed, box.seal(secret, tenant));
    return [secret];
  } catch (err) {
    if (!(err instanceof SecretBoxError)) throw err;
    logger().error({ tenant, problem: err.message }, 'embed secret unreadable: HS256 embed tokens of this tenant are refused');
    return [];
  }
}

/**
 * JWKS documents are fetched through the guarded outbound client, like webhooks: the URL is
 * the vendor's to choose, so it must not reach loopback or private addresses (unless the operator
 * allows it for development), never follows redirects and is bounded in time and size.
 */
export function guardedJwksFetch(allowPrivate: boolean): FetchImplementation {
  const client = createOutboundClient({ allowPrivate, timeoutMs: 5_000, maxResponseBytes: 256 * 1024 });
  return async (url) => {
    const res = await client.request(url, { method: 'GET', headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`JWKS fetch failed: ${res.reason}`);
    return new Response(new Uint8Array(res.body), { status: res.status, headers: { 'content-type': 'application/json' } });
  };
}

export function embedTokens(config: Config, directory: CachedEmbedDirectory): EmbedTokens {
  return new EmbedTokens(directory, { fetchJwks: guardedJwksFetch(config.PULSE_EMBED_JWKS_ALLOW_PRIVATE === 'on') });
}

// proxy.ts is bundled apart from the runtime (it must not pull in the engines): the runtime
// publishes its directory here, on the process, for the proxy to read.
const g = globalThis as { __pulseEmbedDirectory?: CachedEmbedDirectory };

export function publishEmbedDirectory(directory: CachedEmbedDirectory): void {
  g.__pulseEmbedDirectory = directory;
}

/** The origins that may frame the tenant's /embed pages; undefined when it does not embed (or none are allowed). */
export async function embedOrigins(directory: CachedEmbedDirectory | undefined, tenant: string): Promise<string[] | undefined> {
  const origins = (await directory?.embedSettings(tenant))?.allowedOrigins;
  return origins?.length ? origins : undefined;
}

/** For proxy.ts: the CSP frame-ancestors of /embed/<tenant>/… pages, from the tenant's allowed origins ('none' before the runtime is up). */
export async function embedFrameAncestors(tenant: string): Promise<string> {
  return (await embedOrigins(g.__pulseEmbedDirectory, tenant))?.join(' ') ?? "'none'";
}
