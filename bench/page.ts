// page: the dashboard route in real Chromium (Debian's) against the built app. First-load JS of
// /d/[id], and the time from navigation to every panel settled and every chart painted, cold
// (a new browser profile: nothing cached) and warm (a reload: scripts cached). The baseline is
// DOMContentLoaded of the same navigation, so the ratio is how much longer the charts take
// than the document itself. Then the long tasks (over 50 ms, PerformanceObserver 'longtask')
// while the page refreshes live, per refresh round. Needs `next build` first. BENCH_PORT moves
// the app (and its metrics listener to +1).
import { loadavg } from 'node:os';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { firstLoadJs } from '@/lib/testing/first-load';
import { LIVE_REFRESH_MS } from '@/lib/ui/queries';
import { percentile, report, round } from './report';
import { benchPort } from './ports';
import { startApp } from './server';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const REFRESHES = Number(process.env.BENCH_REFRESHES ?? 6);
const DASHBOARD = 'cluster-overview';
const PORT = Number(process.env.BENCH_PORT ?? benchPort('page'));

const app = await startApp(PORT, { PULSE_LIVE: 'on', ...(process.env.BENCH_PORT ? { PULSE_METRICS_PORT: String(PORT + 1) } : {}) });
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
      const panels = [...document.querySelectorAll<HTMLElement>('[data-panel]')];
      if (panels.length === 0 || panels.some((p) => p.dataset.state === 'loading')) return false;
      // A chart is drawn as the server's SVG (first paint) or as the ECharts canvas.
      const charts = panels.filter((p) => (p.dataset.type === 'timeseries' || p.dataset.type === 'topn') && p.dataset.state === 'ready');
      return charts.every((p) => p.querySelector('[data-ssr-chart] svg, .chart-canvas[data-drawn="true"]')) && performance.now();
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const dcl = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
  return { drawn: (await drawn.jsonValue()) as number, dcl };
}

/** Long tasks while the settled page refreshes live for REFRESHES rounds, and how many answers it fetched. */
async function liveLongTasks(): Promise<{ tasks: number[]; answers: number; panels: number }> {
  const context = await signedIn();
  await context.addInitScript(() => {
    const w = window as unknown as { longTasks: { start: number; duration: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask' });
  });
  const page = await context.newPage();
  await chartsDrawn(page, () => page.goto(`/d/${DASHBOARD}`));
  const panels = await page.locator('[data-panel]').count();
  const since = await page.evaluate(() => performance.now());
  let answers = 0;
  page.on('response', (r) => {
    if (r.url().endsWith('/api/query')) answers++;
  });
  await page.waitForTimeout(REFRESHES * LIVE_REFRESH_MS + 2_000);
  const tasks = await page.evaluate(
    (t0) => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks.filter((t) => t.start > t0).map((t) => t.duration),
    since,
  );
  await context.close();
  return { tasks, answers, panels };
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
      notes: { dashboard: DASHBOARD, runs: RUNS, firstLoadJs: firstLoad, p95Ms: round(percentile(v.runs.map((r) => r.drawn), 0.95)), load1: round(loadavg()[0]!), ...v.extra },
    });
  }
  const live = await liveLongTasks();
  const rounds = live.answers / live.panels;
  report({
    name: 'page-live-refresh',
    figure: round(live.tasks.length / rounds),
    baseline: null,
    unit: 'long tasks (> 50 ms) per live refresh of every panel, settled page',
    better: 'lower',
    notes: { dashboard: DASHBOARD, refreshes: round(rounds), longTasksMs: live.tasks.map((d) => round(d, 0)), longestMs: round(Math.max(0, ...live.tasks), 0), load1: round(loadavg()[0]!) },
  });
} finally {
  await browser.close();
  app.stop();
}
process.exit(0);
