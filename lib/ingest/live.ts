import 'server-only';
import type { EmbeddedEngine } from '@/lib/engines/embedded';
import { appendSample, noteSampleComplete } from './sample-world';

/**
 * Appends one second of sample events every second, so the embedded default is live
 * out of the box. A tick that falls behind catches up the whole gap in one append, folded into
 * the rollup tiers when the engine reads them (PULSE_TIERS=on), a plain insert otherwise.
 */
export async function startLiveSample(engine: EmbeddedEngine, tenants: string[], fromSec: number, anchorSec: number): Promise<() => void> {
  const conn = await engine.connect();
  let last = fromSec;
  let busy = false;
  const tick = async () => {
    const now = Math.floor(Date.now() / 1000);
    if (busy || now <= last) return;
    busy = true;
    try {
      await appendSample(conn, last, now, 1, anchorSec, engine.tiered ? 'folded' : 'live');
      last = now;
      noteSampleComplete(engine, tenants, now * 1000);
    } catch (err) {
      console.error('[live] append failed; retrying next tick', err);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(tick, 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    conn.closeSync();
  };
}
