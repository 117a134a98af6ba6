import 'server-only';
import { LRUCache } from 'lru-cache';
import type { EmbedDirectory, EmbedSettings } from './embed-token';

export type CachedEmbedDirectoryOptions = {
  /** How long a tenant's settings (or the fact that it has none) are reused: a change made elsewhere is seen within this. */
  ttlMs: number;
  /** Tenants remembered at most (unknown names included, so guessing names cannot grow it). */
  max: number;
};

/** The directory the runtime wires: forget() makes a change made on this instance visible at once. */
export type CachedEmbedDirectory = EmbedDirectory & { forget(tenant: string): void };

/**
 * Every /embed page asks for its tenant's allowed origins (CSP frame-ancestors) and every embed
 * token for its keys: this keeps the answers for a few seconds, one lookup at a time per tenant
 * (concurrent askers share it), and keeps "no such tenant" too, so a stream of requests for a
 * name that does not exist costs one lookup per TTL, not one per request.
 */
export function cachedEmbedDirectory(load: (tenant: string) => Promise<EmbedSettings | undefined>, opts: CachedEmbedDirectoryOptions): CachedEmbedDirectory {
  // Wrapped, because the cache does not keep undefined: `{ settings: undefined }` is the remembered "none".
  const cache = new LRUCache<string, { settings: EmbedSettings | undefined }>({
    max: opts.max,
    ttl: opts.ttlMs,
    fetchMethod: async (tenant) => ({ settings: await load(tenant) }),
  });
  return {
    async embedSettings(tenant) {
      return (await cache.fetch(tenant))?.settings;
    },
    forget: (tenant) => void cache.delete(tenant),
  };
}
