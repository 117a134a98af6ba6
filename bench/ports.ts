// Each benchmark's fixed port, as an offset in one block of 100 (BENCH_PORT_BASE, default 3300),
// so several runs on one machine (each with its own base) never collide. An app's metrics
// listener sits METRICS_PORT_OFFSET above its port, still inside the block.

/** Where each benchmark's app listens, relative to the base; below METRICS_PORT_OFFSET. */
export const SLOTS = {
  cached: 11,
  mixed: 12,
  page: 13,
  /** Lighthouse also takes +1 (metrics), +2 (Chromium) and +3 (a second build). */
  lighthouse: 14,
  liveProfile: 18,
  startup: 20,
  embed: 21,
  scaleOut: 23,
  /** scale-out's second instance. */
  scaleOutSecond: 24,
  fanout: 31,
} as const;

export const METRICS_PORT_OFFSET = 50;

export function benchPort(slot: keyof typeof SLOTS): number {
  const base = Number(process.env.BENCH_PORT_BASE ?? 3300);
  if (!Number.isInteger(base) || base < 1024 || base > 65_435) throw new Error(`BENCH_PORT_BASE must be a port number with 100 free above it, not ${process.env.BENCH_PORT_BASE}`);
  return base + SLOTS[slot];
}
