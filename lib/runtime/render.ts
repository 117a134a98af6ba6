import 'server-only';
import { Renderer } from '@/lib/render/renderer';
import type { Config } from './config';

/** Renders waiting for a slot per running one; beyond them an export is refused with 429. */
const QUEUE_PER_SLOT = 4;
const RENDER_TIMEOUT_MS = 30_000;

/** The export renderer: Debian's Chromium reaching this instance on loopback (its own port) unless configured otherwise. */
export function createRenderer(config: Config): Renderer {
  return new Renderer({
    executablePath: config.PULSE_CHROMIUM_PATH,
    origin: config.PULSE_RENDER_ORIGIN ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`,
    concurrency: config.PULSE_RENDER_CONCURRENCY,
    queue: config.PULSE_RENDER_CONCURRENCY * QUEUE_PER_SLOT,
    timeoutMs: RENDER_TIMEOUT_MS,
  });
}
