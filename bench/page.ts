// page: the dashboard route in real Chromium (Debian's) against the built app. First-load JS of
// /d/[id], and the time from navigation to every panel settled and every chart painted, cold
// (a new browser profile: nothing cached) and warm (a reload: scripts cached). The baseline is
// DOMContentLoaded of the same navigation, so the ratio is how much longer the charts take
// than the document itself. Needs `next build` first.
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { firstLoadScripts } from '@/lib/testing/first-load';
import { percentile, report, round } from './report';
import { startApp } from './server';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const DASHBOARD = 'cluster-overview';

const app = await startApp(3313, { PULSE_LIVE: 'on' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });

async function signedIn(): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1440, height: 1000 }, timezoneId: 'UTC' });
  const res = await context.request.post('/api/session', { data: { email: 'demo@acme.test', password: 'demo' } });
  if (!res.ok()) throw new Error(`sign-in failed: ${res.status()}`);
  return context;
}

/** Milliseconds from navigation start to all panels settled and all charts painted, and to DOMContentLoaded. */
async function chartsDrawn(page: Page, navigate: () => Promise<unknown>): Promise<{ drawn: number; dcl: number }> {
  await navigate();
  const drawn = await page.waitForFunction(
    () => {
      const panels = [...document.querySelectorAll('[data-panel]')];
      if (panels.length === 0 || panels.some((p) => p.getAttribute('data-state') === 'loading')) return false;
      const charts = [...document.querySelectorAll('.chart-canvas')];
      return charts.every((c) => c.getAttribute('data-drawn') === 'true') && performance.now();
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const dcl = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
  return { drawn: (await drawn.jsonValue()) as number, dcl };
}

try {
  const probe = await signedIn();
  const html = await (await probe.request.get(`/d/${DASHBOARD}`)).text();
  const scripts = firstLoadScripts(html);
  let raw = 0;
  let gzip = 0;
  for (const src of scripts) {
    const body = await (await probe.request.get(src)).body();
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  await probe.close();

  const cold: { drawn: number; dcl: number }[] = [];
  const warm: { drawn: number; dcl: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await signedIn();
    const page = await context.newPage();
    cold.push(await chartsDrawn(page, () => page.goto(`/d/${DASHBOARD}`)));
    warm.push(await chartsDrawn(page, () => page.reload()));
    await context.close();
  }
  // The very first navigation also fills the server's answer cache; it is reported, not averaged.
  const [first, ...coldRest] = cold;
  const median = (xs: number[]) => round(percentile(xs, 0.5));
  const common = { dashboard: DASHBOARD, runs: RUNS, firstLoadJs: { files: scripts.length, rawKiB: round(raw / 1024, 1), gzipKiB: round(gzip / 1024, 1) } };
  report({
    name: 'page-cold',
    figure: median(coldRest.map((r) => r.drawn)),
    baseline: median(coldRest.map((r) => r.dcl)),
    unit: 'ms from navigation to all charts drawn, new browser profile (baseline: DOMContentLoaded)',
    better: 'lower',
    notes: { ...common, firstEverMs: round(first!.drawn), p95Ms: round(percentile(coldRest.map((r) => r.drawn), 0.95)) },
  });
  report({
    name: 'page-warm',
    figure: median(warm.map((r) => r.drawn)),
    baseline: median(warm.map((r) => r.dcl)),
    unit: 'ms from navigation to all charts drawn, reload (baseline: DOMContentLoaded)',
    better: 'lower',
    notes: { ...common, p95Ms: round(percentile(warm.map((r) => r.drawn), 0.95)) },
  });
} finally {
  await browser.close();
  app.stop();
}
process.exit(0);
