import 'server-only';
import { access, constants } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AppError } from '@/lib/errors/app-error';
import { logger } from '@/lib/metrics/log';
import { encodeView } from '@/lib/view/codec';
import type { View } from '@/lib/view/schema';

/**
 * Pages of the app rendered to PDF or PNG in a headless Chromium on the server (Debian's, as the
 * tests use it): what exports (and scheduled reports) send is the page itself, drawn by the same
 * code as on screen. One browser, started at the first render and reused; a fresh context per
 * render (no cookies, storage or cache shared between viewers); a few renders at once, a short
 * queue behind them and 429 beyond it, like the engine's admission.
 */
export type RendererOptions = {
  executablePath: string;
  /** The app's own origin as the browser reaches it; every request elsewhere is aborted. */
  origin: string;
  concurrency: number;
  /** Renders waiting for a slot; one more is refused (429). */
  queue: number;
  timeoutMs: number;
};

export type RenderJob = {
  /** A path of the app (with its query), e.g. /render/api-traffic?v=1&r=PT1H. */
  path: string;
  /** The one-minute credential the page's requests to our origin carry (lib/auth/render-token.ts). */
  bearer: string;
  signal?: AbortSignal;
} & ({ format: 'pdf' } | { format: 'png'; selector: string });

/** The render of a dashboard (PDF) or of one of its panels (PNG) in a view: its /render page and what to capture. */
export function renderJob(r: { format: 'pdf' | 'png'; dashboard: string; panel?: string; view: View; bearer: string; signal?: AbortSignal }): RenderJob {
  const path = `/render/${encodeURIComponent(r.dashboard)}${r.panel === undefined ? '' : `/${encodeURIComponent(r.panel)}`}?${encodeView(r.view)}`;
  const { bearer, signal } = r;
  return r.format === 'pdf' ? { format: 'pdf', path, bearer, signal } : { format: 'png', path, bearer, signal, selector: `[data-panel="${r.panel}"]` };
}

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/**
 * A page is settled when every panel has answered (ready, empty or error) and every chart has
 * drawn. A function, not a string: the page's CSP refuses eval, and functions run without it.
 */
function settled(): boolean {
  const root = document.querySelector('[data-render-root]');
  const state = root?.getAttribute('data-render-root');
  if (state === 'failed') return true;
  if (!root || state !== 'settled') return false;
  const panels = [...root.querySelectorAll('[data-panel]')];
  return (
    panels.length > 0 &&
    panels.every((p) => ['ready', 'empty', 'error'].includes(p.getAttribute('data-state') ?? '')) &&
    [...root.querySelectorAll('.chart-canvas')].every((c) => c.getAttribute('data-drawn') === 'true') &&
    !root.querySelector('.skeleton')
  );
}

export class Renderer {
  private browser: Promise<Browser> | undefined;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly opts: RendererOptions) {}

  async render(job: RenderJob): Promise<Buffer> {
    await this.admit();
    try {
      // The client may have gone while this render waited for its slot: nothing to draw then.
      if (job.signal?.aborted) throw new AppError('request_timeout', 'The export was cancelled.');
      return await this.renderNow(job);
    } finally {
      // The slot goes to the next render waiting, else it is free.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Renders now running and waiting, for tests and metrics. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private async admit(): Promise<void> {
    if (this.running < this.opts.concurrency) {
      this.running++;
      return;
    }
    if (this.waiting.length >= this.opts.queue) throw new AppError('rate_limited', 'Too many exports are being prepared right now. Please retry in a few seconds.', undefined, 5);
    // The slot is handed over by the render that ends: `running` stays as it is.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private async renderNow(job: RenderJob): Promise<Buffer> {
    const browser = await this.launched();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: job.format === 'png' ? 2 : 1, reducedMotion: 'reduce', locale: 'en-US' });
    const abort = () => void context.close().catch(() => {});
    job.signal?.addEventListener('abort', abort, { once: true });
    try {
      context.setDefaultTimeout(this.opts.timeoutMs);
      const page = await context.newPage();
      await this.guard(page, job.bearer);
      await page.goto(new URL(job.path, this.opts.origin).href, { waitUntil: 'domcontentloaded' });
      await page.waitForFunction(settled, undefined, { polling: 100 });
      // The page could not load the dashboard with its render token (checked before the render, so not expected).
      if ((await page.getAttribute('[data-render-root]', 'data-render-root')) === 'failed') throw new Error(`render page failed: ${await page.textContent('[data-render-root]')}`);
      if (job.format === 'pdf') {
        await page.emulateMedia({ media: 'print' });
        // At 0.7 an A4 landscape page is as wide as a laptop screen (four panels a row), and a panel is never cut (print CSS).
        return await page.pdf({ format: 'A4', landscape: true, printBackground: true, scale: 0.7, margin: { top: '10mm', bottom: '10mm', left: '10mm', right: '10mm' } });
      }
      return await page.locator(job.selector).screenshot({ animations: 'disabled' });
    } catch (err) {
      if (job.signal?.aborted) throw err;
      if (err instanceof AppError) throw err;
      logger().warn({ path: job.path.split('?')[0], err: err instanceof Error ? err.message : String(err) }, 'render failed');
      throw new AppError('engine_timeout', 'The export could not be prepared in time. Try a shorter range or fewer filters.');
    } finally {
      job.signal?.removeEventListener('abort', abort);
      await context.close().catch(() => {});
    }
  }

  /** Only our own origin is reached, and only its requests carry the render credential. */
  private async guard(page: Page, bearer: string): Promise<void> {
    const origin = new URL(this.opts.origin).origin;
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      if (new URL(url).origin !== origin) return route.abort('blockedbyclient');
      return route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${bearer}` } });
    });
  }

  private launched(): Promise<Browser> {
    this.browser ??= this.launch().catch((err: unknown) => {
      this.browser = undefined; // the next export tries again (Chromium may have been installed since)
      throw err;
    });
    return this.browser;
  }

  private async launch(): Promise<Browser> {
    const path = this.opts.executablePath;
    const unavailable = () => new AppError('renderer_unavailable', 'PDF and PNG exports are not available on this server right now (its browser is missing). CSV and Excel still work.', undefined, 30);
    try {
      await access(path, constants.X_OK);
    } catch {
      logger().error({ path }, 'renderer unavailable: no Chromium at PULSE_CHROMIUM_PATH');
      throw unavailable();
    }
    try {
      // Playwright's own signal handlers would keep the server alive on SIGTERM (a listener replaces
      // Node's default exit); it still kills the browser when the process exits.
      const browser = await chromium.launch({ executablePath: path, args: LAUNCH_ARGS, timeout: this.opts.timeoutMs, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
      browser.on('disconnected', () => (this.browser = undefined));
      return browser;
    } catch (err) {
      logger().error({ path, err: err instanceof Error ? err.message : String(err) }, 'renderer unavailable: Chromium did not start');
      throw unavailable();
    }
  }

  async close(): Promise<void> {
    const browser = await this.browser?.catch(() => undefined);
    this.browser = undefined;
    await browser?.close();
  }
}
