import 'server-only';
import type { Runtime } from './runtime';

/** What scripts/serve.mjs calls on SIGTERM or SIGINT (published by instrumentation.ts). */
export type ShutdownHooks = {
  /** How long to keep answering, not ready, so load balancers stop sending requests first. */
  drainMs: number;
  /** Readiness answers 503 from now on. */
  drain(): void;
  /** After the HTTP server has stopped taking requests: stops background work and closes what the instance holds. */
  close(): Promise<void>;
};

export const SHUTDOWN_HOOKS = Symbol.for('pulseboard.shutDown');

/**
 * Stops this instance's background work and closes what it holds: scheduled reports and the
 * alert outbox finish the attempt under way (the others stay claimed until their lease ends, or
 * pending, for this or another instance), the renderer's browser exits, the app-state database
 * closes (the embedded one releases its directory for the next process at once). Each step runs
 * even if one before it failed.
 */
export async function closeRuntime(rt: Pick<Runtime, 'reports' | 'outbox' | 'renderer' | 'store'>): Promise<void> {
  await Promise.allSettled([rt.reports.stop(), rt.outbox.stop()]);
  await rt.renderer.close().catch(() => {});
  await rt.store.close().catch(() => {});
}

export function shutdownHooks(rt: Runtime): ShutdownHooks {
  return { drainMs: rt.config.PULSE_DRAIN_MS, drain: () => rt.readiness.drain(), close: () => closeRuntime(rt) };
}
