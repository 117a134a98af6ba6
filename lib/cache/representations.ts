import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';

export type Encoding = 'br' | 'gzip' | 'identity';

/** Below this a compressed body saves too little to pay for its header and the CPU. */
const MIN_COMPRESS_BYTES = 1024;

/**
 * One answer serialized once: its bytes, a validator, and each compressed form made the first
 * time a client asks for it, so repeat requests cost a lookup and a write.
 */
export class Representation {
  readonly etag: string;
  private readonly encoded = new Map<Encoding, Buffer>();

  constructor(
    readonly identity: Buffer,
    /** What makes two answers the same: the cache key and the version of its entry. */
    version: string,
    /** The data it was computed from: a replay is only right while that is still the newest. */
    readonly basis: { datasource: string; dataUntil: number },
  ) {
    this.etag = `W/"${createHash('sha1').update(version).digest('base64url').slice(0, 22)}"`;
  }

  body(encoding: Encoding): Buffer {
    if (encoding === 'identity') return this.identity;
    let bytes = this.encoded.get(encoding);
    if (!bytes) {
      bytes =
        encoding === 'br'
          ? brotliCompressSync(this.identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: this.identity.length } })
          : gzipSync(this.identity, { level: 6 });
      this.encoded.set(encoding, bytes);
    }
    return bytes;
  }
}

/** The best encoding the client accepts (br, then gzip), identity for small bodies. */
export function pickEncoding(acceptEncoding: string | undefined, size: number): Encoding {
  if (!acceptEncoding || size < MIN_COMPRESS_BYTES) return 'identity';
  const accepted = new Set<string>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p))) accepted.add(name!.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return 'identity';
}

/** If-None-Match: a list of tags or `*`; weak comparison, as RFC 9110 asks for it. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}

type Held = { rep: Representation; until: number };

/**
 * Serialized answers by (tenant, exact request body), each kept no longer than the cached
 * answer behind it stays fresh. A hit skips parsing, validation and planning: the same bytes
 * from the same tenant were validated when the entry was made.
 */
export class RepresentationCache {
  private readonly lru: LRUCache<string, Held>;

  constructor(
    maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {
    // Room for the identity body and its compressed forms, which are smaller.
    this.lru = new LRUCache<string, Held>({ maxSize: maxBytes, sizeCalculation: (h, key) => 2 * h.rep.identity.length + key.length });
  }

  get(key: string): Representation | undefined {
    const held = this.lru.get(key);
    if (!held) return undefined;
    if (this.now() < held.until) return held.rep;
    this.lru.delete(key);
    return undefined;
  }

  set(key: string, rep: Representation, forMs: number): void {
    if (forMs > 0) this.lru.set(key, { rep, until: this.now() + forMs });
  }

  /**
   * The representation held under `key`, else a new one from `make` held for `forMs`; either
   * way also held under `alias` until the same moment, never longer.
   */
  shared(key: string, alias: string, forMs: number, make: () => Representation): Representation {
    let held = this.lru.get(key);
    if (!held || this.now() >= held.until) {
      held = { rep: make(), until: this.now() + forMs };
      if (forMs <= 0) return held.rep;
      this.lru.set(key, held);
    }
    this.lru.set(alias, held);
    return held.rep;
  }
}
