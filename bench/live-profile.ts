// live-profile: what the long tasks of a live refresh are made of. The dashboard settles in real
// Chromium, then V8's sampling profiler runs over REFRESHES live refresh rounds; the samples that
// fall inside a long task (PerformanceObserver 'longtask') are summed by script and by function,
// self time. The first refresh of a page that opened with the server's SVG is profiled apart from
// the later ones (the first is where the canvas charts appear). Needs `next build` first; BENCH_PORT
// moves the app (its metrics listener to +1). Prints one JSON line; writes nothing.
import { chromium, type CDPSession } from '@playwright/test';
import { LIVE_REFRESH_MS } from '@/lib/ui/queries';
import { round } from './report';
import { benchPort } from './ports';
import { startApp } from './server';

const REFRESHES = Number(process.env.BENCH_REFRESHES ?? 3);
const DASHBOARD = process.env.BENCH_DASHBOARD ?? 'cluster-overview';
const PORT = Number(process.env.BENCH_PORT ?? benchPort('liveProfile'));

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; samples: number[]; timeDeltas: number[] };
type Task = { start: number; duration: number };

/**
 * Self time (ms) of the samples inside long tasks (all samples when `tasks` is null), by script
 * and by function, largest first. `clockMs` is the profiler's clock at the page's performance.now() 0.
 */
export function inLongTasks(profile: Profile, tasks: Task[] | null, clockMs: number, origin: string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let t = profile.startTime; // µs
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    t += profile.timeDeltas[i] ?? 0;
    const at = t / 1000 - clockMs;
    if (tasks && !tasks.some((k) => at >= k.start && at < k.start + k.duration)) return;
    const f = byId.get(id)!.callFrame;
    const script = f.url.replace(origin, '') || `(${f.functionName || 'program'})`;
    byScript.set(script, (byScript.get(script) ?? 0) + dt / 1000);
    const name = `${f.functionName || '(anonymous)'} ${script.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + dt / 1000);
  });
  const top = (m: Map<string, number>, n: number) =>
    Object.fromEntries(
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, v]) => [k, round(v, 1)]),
    );
  return { byScript: top(byScript, 10), byFunction: top(byFunction, 25) };
}

async function profiled(cdp: CDPSession, ms: number, page: import('@playwright/test').Page, origin: string) {
  await cdp.send('Profiler.start');
  // The profile starts within a round trip of this reading, which is close enough for tasks of 50 ms and more.
  const t0 = await page.evaluate(() => performance.now());
  await page.waitForTimeout(ms);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const tasks = await page.evaluate((since) => (window as unknown as { longTasks: Task[] }).longTasks.filter((t) => t.start > since), t0);
  return { longTasksMs: tasks.map((t) => round(t.duration, 0)), ...inLongTasks(profile, tasks, profile.startTime / 1000 - t0, origin) };
}

if (process.argv[1]?.endsWith('live-profile.ts')) {
  const app = await startApp(PORT, { PULSE_LIVE: 'on', PULSE_METRICS_PORT: String(PORT + 1) });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1440, height: 1000 }, timezoneId: 'UTC' });
    const res = await context.request.post('/api/session', { data: { email: 'demo@acme.test', password: 'demo' } });
    if (!res.ok()) throw new Error(`sign-in failed: ${res.status()}`);
    await context.addInitScript(() => {
      const w = window as unknown as { longTasks: Task[] };
      w.longTasks = [];
      new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask' });
    });
    const page = await context.newPage();
    await page.goto(`/d/${DASHBOARD}`);
    await page.waitForSelector('[data-panel]:not([data-state="loading"])');
    await page.waitForTimeout(1_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    const first = await profiled(cdp, LIVE_REFRESH_MS, page, app.url);
    const later = await profiled(cdp, REFRESHES * LIVE_REFRESH_MS, page, app.url);
    console.log(JSON.stringify({ dashboard: DASHBOARD, firstRefresh: first, laterRefreshes: { rounds: REFRESHES, ...later } }, null, 1));
  } finally {
    await browser.close();
    app.stop();
  }
  process.exit(0);
}
