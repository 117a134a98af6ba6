// page: the dashboard route in real Chromium (Debian's) against the built app. First-load JS of
// /d/[id], and the time from navigation to every panel settled and every chart painted, cold
// (a new browser profile: nothing cached) and warm (a reload: scripts cached). The baseline is
// DOMContentLoaded of the same navigation, so the ratio is how much longer the charts take
// than the document itself. Needs `next build` first.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { firstLoadJs } from '@/lib/testing/first-load';
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
  const js = await firstLoadJs(html, async (src) => (await probe.request.get(src)).body());
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
  const firstLoad = { files: js.scripts.length, rawKiB: round(js.raw / 1024, 1), gzipKiB: round(js.gzip / 1024, 1) };
  const variants = [
    { name: 'page-cold', runs: coldRest, what: 'new browser profile', extra: { firstEverMs: round(first!.drawn) } },
    { name: 'page-warm', runs: warm, what: 'reload', extra: {} },
  ];
  for (const v of variants) {
    report({
      name: v.name,
      figure: median(v.runs.map((r) => r.drawn)),
      baseline: median(v.runs.map((r) => r.dcl)),
      unit: `ms from navigation to all charts drawn, ${v.what} (baseline: DOMContentLoaded)`,
      better: 'lower',
      notes: { dashboard: DASHBOARD, runs: RUNS, firstLoadJs: firstLoad, p95Ms: round(percentile(v.runs.map((r) => r.drawn), 0.95)), ...v.extra },
    });
  }
} finally {
  await browser.close();
  app.stop();
}
process.exit(0);
