import { LRUCache } from 'lru-cache';
import type { LoadOptions, SharedLoad, Stored } from './load';

export type CacheStatus = 'hit' | 'miss' | 'stale';

export type CacheOptions<V> = {
  maxBytes: number;
  /** How long past its TTL an entry may still be served while a refresh runs in the background. */
  swrMs: number;
  now?: () => number;
  /** Several app instances: answers and single flight shared through Redis. */
  shared?: SharedLoad<V>;
};

type Entry<V> = { value: V; storedAt: number; freshUntil: number };

type Flight<V> = {
  promise: Promise<V>;
  controller: AbortController;
  waiters: number;
  /** A background refresh keeps running even when nobody waits for it. */
  pinned: boolean;
  /** Its loader ran as a background refresh (which may yield: refused while the engine is busy). */
  background: boolean;
};

/** `storedAt` identifies the entry's version; `freshForMs` is how long it stays a hit. */
/** `background`: a stale-while-revalidate refresh nobody waits for, which may yield to other work. */
export type Loader<V> = (signal: AbortSignal, background: boolean) => Promise<V>;

export type Loaded<V> = { value: V; status: CacheStatus; ageMs: number; storedAt: number; freshForMs: number };

/**
 * Byte-bounded LRU of answers with single flight (concurrent identical loads share one
 * engine query), stale-while-revalidate and stale-on-error. A load is cancelled only when
 * every caller waiting for it has gone away.
 */
export class ResponseCache<V> {
  private readonly lru: LRUCache<string, Entry<V>>;
  private readonly flights = new Map<string, Flight<V>>();
  private readonly now: () => number;

  constructor(
    private readonly opts: CacheOptions<V>,
    sizeOf: (value: V) => number,
  ) {
    this.now = opts.now ?? Date.now;
    this.lru = new LRUCache<string, Entry<V>>({
      maxSize: opts.maxBytes,
      sizeCalculation: (e, key) => Math.max(1, sizeOf(e.value) + key.length),
    });
  }

  /**
   * @param canServeStale decides, for a failed load, whether the stale entry may stand in
   *        (engine down or slow: yes; bad input: no).
   * @param isCurrent says whether a fresh entry still answers this request; one that does not
   *        (a live view whose window has moved on) is served stale while it is refreshed.
   */
  async get(
    key: string,
    load: Loader<V>,
    opts: LoadOptions<V> & { signal?: AbortSignal; canServeStale?: (err: unknown) => boolean },
  ): Promise<Loaded<V>> {
    const entry = this.lru.get(key);
    const now = this.now();
    if (entry && now < entry.freshUntil && (opts.isCurrent?.(entry.value) ?? true)) return served(entry, 'hit', now);
    if (entry && now < entry.freshUntil + this.opts.swrMs) {
      this.start(key, load, opts, true).promise.catch(() => {}); // failure keeps the stale entry
      return served(entry, 'stale', now);
    }
    try {
      const value = await this.join(key, load, opts, opts.signal);
      const stored = this.lru.peek(key);
      if (stored?.value !== value) return { value, status: 'miss', ageMs: 0, storedAt: this.now(), freshForMs: 0 };
      // Another instance's answer, found in the shared store, is a hit with its own age.
      return served(stored, stored.storedAt < now ? 'hit' : 'miss', this.now());
    } catch (err) {
      if (entry && opts.canServeStale?.(err)) return served(entry, 'stale', now);
      throw err;
    }
  }

  /** Entries currently held and their total size, for metrics. */
  stats() {
    return { entries: this.lru.size, bytes: this.lru.calculatedSize, inflight: this.flights.size };
  }

  clear(): void {
    this.lru.clear();
  }

  private start(key: string, load: Loader<V>, opts: LoadOptions<V>, pinned: boolean): Flight<V> {
    const existing = this.flights.get(key);
    if (existing) {
      existing.pinned ||= pinned;
      return existing;
    }
    const controller = new AbortController();
    const flight: Flight<V> = {
      controller,
      waiters: 0,
      pinned,
      background: pinned,
      promise: this.loadShared(key, opts, () => load(controller.signal, pinned), controller.signal).then(({ value, storedAt }) => {
        this.lru.set(key, { value, storedAt, freshUntil: storedAt + opts.ttlMs });
        return value;
      }),
    };
    const done = () => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    flight.promise.then(done, done);
    this.flights.set(key, flight);
    return flight;
  }

  /** Through the shared store when there is one, so other instances' answers count too. */
  private async loadShared(key: string, opts: LoadOptions<V>, compute: () => Promise<V>, signal: AbortSignal): Promise<Stored<V>> {
    if (this.opts.shared) return this.opts.shared.load(key, opts, compute, signal);
    return { value: await compute(), storedAt: this.now() };
  }

  private join(key: string, load: Loader<V>, opts: LoadOptions<V>, signal?: AbortSignal): Promise<V> {
    const flight = this.start(key, load, opts, false);
    const joined = this.wait(key, flight, signal);
    // A caller waiting for an answer that joined a background refresh (the entry left the SWR
    // window meanwhile) does not take that refresh's yielding as its answer: once it has failed
    // (and left the flights), it loads in the foreground, or joins whoever does.
    if (!flight.background) return joined;
    return joined.catch((err: unknown) => (signal?.aborted ? Promise.reject(err) : this.join(key, load, opts, signal)));
  }

  private wait(key: string, flight: Flight<V>, signal?: AbortSignal): Promise<V> {
    if (!signal) {
      flight.waiters++;
      return flight.promise.finally(() => flight.waiters--);
    }
    if (signal.aborted) return Promise.reject(signal.reason);
    flight.waiters++;
    return new Promise<V>((resolve, reject) => {
      const onAbort = () => {
        flight.waiters--;
        if (flight.waiters === 0 && !flight.pinned) {
          // Nobody wants it any more: cancel the engine query, and let the next caller start afresh.
          if (this.flights.get(key) === flight) this.flights.delete(key);
          flight.controller.abort(signal.reason);
        }
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          flight.waiters--;
          resolve(v);
        },
        (e) => {
          signal.removeEventListener('abort', onAbort);
          flight.waiters--;
          reject(e);
        },
      );
    });
  }
}

function served<V>(entry: Entry<V>, status: CacheStatus, now: number): Loaded<V> {
  return { value: entry.value, status, ageMs: status === 'miss' ? 0 : now - entry.storedAt, storedAt: entry.storedAt, freshForMs: Math.max(0, entry.freshUntil - now) };
}
