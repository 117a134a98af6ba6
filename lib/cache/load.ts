/** Types the response cache and the shared store both speak, so neither imports the other. */

/** How long a new answer stays fresh, and whether a held one still answers the request. */
export type LoadOptions<V> = { ttlMs: number; isCurrent?: (value: V) => boolean };

export type Stored<V> = { value: V; storedAt: number };

/** Several app instances sharing answers and single flight (SharedStore, through Redis). */
export type SharedLoad<V> = {
  load(key: string, opts: LoadOptions<V>, compute: () => Promise<V>, signal: AbortSignal): Promise<Stored<V>>;
};
