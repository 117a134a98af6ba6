import 'server-only';
import type { FetchImplementation } from 'jose';
import { EmbedTokens, type EmbedDirectory, type EmbedSettings } from '@/lib/auth/embed-token';
import { createOutboundClient } from '@/lib/outbound/client';
import { loadConfig, type Config } from './config';

/**
 * Embedding settings from PULSE_EMBED_TENANTS. The one place that knows where they come from:
 * when the app-state database lands, this reads the tenant's row instead.
 */
export function configuredEmbedDirectory(tenants: Readonly<Record<string, EmbedSettings>>): EmbedDirectory {
  return { embedSettings: async (tenant) => (Object.hasOwn(tenants, tenant) ? tenants[tenant] : undefined) };
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

export function embedTokens(config: Config): EmbedTokens {
  return new EmbedTokens(configuredEmbedDirectory(config.PULSE_EMBED_TENANTS), { fetchJwks: guardedJwksFetch(config.PULSE_EMBED_JWKS_ALLOW_PRIVATE === 'on') });
}

let directory: EmbedDirectory | undefined;

/** For the /embed page: the origins it accepts tokens from, or undefined when the tenant does not embed. */
export async function embedOrigins(tenant: string): Promise<string[] | undefined> {
  directory ??= configuredEmbedDirectory(loadConfig().PULSE_EMBED_TENANTS);
  return (await directory.embedSettings(tenant))?.allowedOrigins;
}

/** For proxy.ts: the CSP frame-ancestors of /embed/<tenant>/… pages, from the tenant's allowed origins. */
export async function embedFrameAncestors(tenant: string): Promise<string> {
  return (await embedOrigins(tenant))?.join(' ') ?? "'none'";
}
