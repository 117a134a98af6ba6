// lighthouse: Lighthouse 12.8.2 (from npm; 13 needs Node 22) with its default mobile preset
// against signed-in dashboard pages of the built app, RUNS times each, interleaved so a busy
// moment on the shared machine hits every page alike. The baseline is the sign-in page of the
// same app in the same run: the app shell without charts, so the ratio is what the charts cost.
// Each run records the load average beside it (single runs swing by ±20 points on 2 cores).
// Each run gets a new Chromium profile holding the session cookie, as a signed-in browser has it
// (a Cookie request header would be dropped once the page sets a cookie of its own).
// Needs `npx next build` first. BENCH_PORT moves the app (its metrics listener to +1, Chromium's
// debugging port to +2). Each result also holds where the main-thread time went
// (lighthouse-breakdown.ts); BENCH_LH_KEEP=dir keeps every raw report there.
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from '@playwright/test';
import { breakdown, medianBreakdown, type Breakdown, type BreakdownReport } from './lighthouse-breakdown';
import { median, report, round } from './report';
import { benchPort } from './ports';
import { login, startApp } from './server';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? benchPort('lighthouse'));
const DASHBOARDS = (process.env.BENCH_DASHBOARDS ?? 'cluster-overview,topics-clients').split(',');
const LIGHTHOUSE = 'lighthouse@12.8.2';

export type LighthouseRun = { performance: number; tbtMs: number; lcpMs: number; fcpMs: number; longTasks: number; longestTaskMs: number; load1: number };

type Report = BreakdownReport & {
  categories: { performance: { score: number } };
  audits: Record<string, { numericValue?: number; details?: { items?: Record<string, unknown>[] } }>;
};

/** The figures we keep from one Lighthouse report. */
export function summarize(lh: Report, load1: number): LighthouseRun {
  const value = (id: string) => round(lh.audits[id]?.numericValue ?? NaN, 0);
  const tasks = (lh.audits['long-tasks']?.details?.items ?? []) as { duration: number }[];
  return {
    performance: Math.round(lh.categories.performance.score * 100),
    tbtMs: value('total-blocking-time'),
    lcpMs: value('largest-contentful-paint'),
    fcpMs: value('first-contentful-paint'),
    longTasks: tasks.length,
    longestTaskMs: round(Math.max(0, ...tasks.map((t) => t.duration)), 0),
    load1: round(load1),
  };
}

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'pulse-lighthouse-'));

const DEBUG_PORT = PORT + 2;

/** A new headless Chromium with an empty profile, and the session cookie in it when given. */
async function freshChromium(origin: string, cookie: string | null) {
  const profile = mkdtempSync(join(dir, 'profile-'));
  const proc = spawn('/usr/bin/chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', `--remote-debugging-port=${DEBUG_PORT}`, `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${DEBUG_PORT}/json/version`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error('Chromium did not start within 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  if (cookie) {
    const cdp = await chromium.connectOverCDP(`http://127.0.0.1:${DEBUG_PORT}`);
    const [name, value] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];
    await cdp.contexts()[0]!.addCookies([{ name, value, url: origin }]);
  }
  return async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGKILL');
      await exited;
    }
    // Chromium's helpers may still be writing; whatever is left goes with the run's directory at the end.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch {
      /* removed with `dir` */
    }
  };
}

const KEEP = process.env.BENCH_LH_KEEP;
let kept = 0;

async function lighthouse(url: string, cookie: string | null): Promise<LighthouseRun & { breakdown: Breakdown }> {
  const stop = await freshChromium(new URL(url).origin, cookie);
  try {
    const load1 = loadavg()[0]!;
    const out = join(dir, 'report.json');
    // The profile is new, so nothing is cached; Lighthouse's own reset would clear the cookie too.
    await run('npx', ['--yes', LIGHTHOUSE, url, `--port=${DEBUG_PORT}`, '--disable-storage-reset', '--only-categories=performance', '--output=json', `--output-path=${out}`, '--quiet'], {
      maxBuffer: 64 << 20,
    });
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report & { finalDisplayedUrl: string };
    // A signed-out page would measure the sign-in form instead.
    if (new URL(report.finalDisplayedUrl).pathname !== new URL(url).pathname) throw new Error(`${url} ended at ${report.finalDisplayedUrl}`);
    if (KEEP) {
      mkdirSync(KEEP, { recursive: true });
      copyFileSync(out, join(KEEP, `${String(++kept).padStart(2, '0')}-${new URL(url).pathname.split('/').pop()}.json`));
    }
    return { ...summarize(report, load1), breakdown: breakdown(report, new URL(url).origin) };
  } finally {
    await stop();
  }
}

const spread = (runs: LighthouseRun[], key: keyof LighthouseRun) => {
  const xs = runs.map((r) => r[key]);
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
};

type Measured = LighthouseRun & { breakdown: Breakdown };

/** The figures of one page's runs as a result keeps them. */
function figures(rs: Measured[]) {
  return {
    performance: spread(rs, 'performance'),
    tbtMs: spread(rs, 'tbtMs'),
    lcpMs: spread(rs, 'lcpMs'),
    fcpMs: spread(rs, 'fcpMs'),
    longTasks: spread(rs, 'longTasks'),
    longestTaskMs: spread(rs, 'longestTaskMs'),
    load1: rs.map((r) => r.load1),
    breakdown: medianBreakdown(rs.map((r) => r.breakdown)),
  };
}

// BENCH_VERSUS=dir also measures the build in another checkout (a main export, say) on PORT + 3,
// each page alternately on the two apps, so a busy moment hits both alike: a before/after figure.
const VERSUS = process.env.BENCH_VERSUS;

if (process.argv[1]?.endsWith('lighthouse.ts')) {
  const env = (port: number) => ({ PULSE_LIVE: 'on', PULSE_METRICS_PORT: String(port + 1), ...(process.env.PULSE_DATA_DIR ? { PULSE_DATA_DIR: process.env.PULSE_DATA_DIR } : {}) });
  const apps = [await startApp(PORT, env(PORT)), ...(VERSUS ? [await startApp(PORT + 3, env(PORT + 3), VERSUS)] : [])];
  try {
    const cookies = await Promise.all(apps.map((a) => login(a.url)));
    const pages = ['login', ...DASHBOARDS];
    const runs = apps.map(() => new Map<string, Measured[]>(pages.map((p) => [p, []])));
    // One unmeasured visit per dashboard fills the server's answer cache, as a returning viewer finds it.
    for (const [k, app] of apps.entries()) for (const d of DASHBOARDS) await fetch(`${app.url}/d/${d}`, { headers: { cookie: cookies[k]! } });
    for (let i = 0; i < RUNS; i++) {
      for (const p of pages) {
        // This build first in even rounds, the other one first in odd rounds.
        for (const k of i % 2 ? [...apps.keys()].reverse() : apps.keys()) {
          const url = apps[k]!.url;
          // The sign-in page redirects a signed-in viewer, so it is measured signed out.
          const r = p === 'login' ? await lighthouse(`${url}/login`, null) : await lighthouse(`${url}/d/${p}`, cookies[k]!);
          const { breakdown: _, ...figures } = r;
          console.error(`${k ? 'versus ' : ''}${p} #${i + 1}: ${JSON.stringify(figures)}`);
          runs[k]!.get(p)!.push(r);
        }
      }
    }
    const base = runs[0]!.get('login')!;
    for (const d of DASHBOARDS) {
      const rs = runs[0]!.get(d)!;
      const other = runs[1];
      report({
        name: `lighthouse-${d}`,
        figure: spread(rs, 'performance').median,
        baseline: spread(base, 'performance').median,
        unit: `Lighthouse performance score, mobile preset, median of ${RUNS} (baseline: the sign-in page)`,
        better: 'higher',
        notes: {
          dashboard: d,
          lighthouse: LIGHTHOUSE,
          runs: RUNS,
          ...figures(rs),
          baselineRuns: base.map(({ breakdown: _, ...figures }) => figures),
          ...(other && VERSUS ? { versus: { build: VERSUS, alternating: true, ...figures(other.get(d)!), signInPerformance: spread(other.get('login')!, 'performance') } } : {}),
        },
      });
    }
  } finally {
    for (const app of apps) app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}
