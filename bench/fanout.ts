// fanout: live push to many browsers. 1,000 simulated browsers (their own process) watch 50
// distinct views over GET /api/stream on the built app with live data; the figure is the views
// computed per tick (the baseline: one computation per browser, as if nothing were shared), with
// the engine queries per tick and the p95 age of the data on the browsers' screens.
import { loadDeclarations } from '@/lib/dashboards/config-files';
import { encodeView } from '@/lib/view/codec';
import type { View } from '@/lib/view/schema';
import { startScript } from './processes';
import { report, round } from './report';
import { benchPort } from './ports';
import { login, scrapeMetrics, startApp } from './server';

const CLIENTS = Number(process.env.BENCH_STREAM_CLIENTS ?? 1_000);
const VIEWS = Number(process.env.BENCH_STREAM_VIEWS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const PORT = Number(process.env.BENCH_FANOUT_PORT ?? benchPort('fanout'));
const TICK_MS = 1_000;

// Distinct views: every dashboard × a few ranges and zones.
const ranges = ['PT1H', 'PT6H', 'P1D'] as const;
const zones = ['UTC', 'Europe/Berlin', 'Asia/Kolkata'];
const views = loadDeclarations('config')
  .dashboards.flatMap((d) => ranges.flatMap((last) => zones.map((tz) => `dashboard=${d.id}&${encodeView({ range: { last }, tz, grain: 'auto', compare: 'none', limit: 10, filters: [] } as View)}`)))
  .slice(0, VIEWS);
if (views.length < VIEWS) throw new Error(`only ${views.length} distinct views`);

const app = await startApp(PORT, { PULSE_LIVE: 'on', PULSE_STREAM_TICK_MS: String(TICK_MS), PULSE_STREAMS_PER_TENANT: String(CLIENTS) });
try {
  const cookie = await login(app.url);
  const { ready, proc } = await startScript<{ connectMs: number; refusedWhileStarting: number }>('bench/fanout-clients.ts', [app.url, cookie, JSON.stringify(views), String(CLIENTS), String(SECONDS)]);
  const m0 = await scrapeMetrics(app);
  const t0 = performance.now();
  const result = await new Promise<Record<string, number>>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    proc.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`clients exited with ${code}`))));
  });
  const seconds = (performance.now() - t0) / 1000;
  const m1 = await scrapeMetrics(app);
  const ticks = (seconds * 1000) / TICK_MS;
  const computations = m1('pulse_stream_computations_total') - m0('pulse_stream_computations_total');
  const engineQueries = m1('pulse_engine_queries_total') - m0('pulse_engine_queries_total');
  report({
    name: 'stream-fanout',
    figure: round(computations / ticks, 1),
    baseline: CLIENTS,
    unit: `views computed per tick with ${CLIENTS} browsers watching ${VIEWS} views (baseline: one per browser)`,
    better: 'lower',
    notes: {
      views: VIEWS,
      tickMs: TICK_MS,
      engineQueriesPerTick: round(engineQueries / ticks, 1),
      dataAgeP50Ms: result.ageP50Ms,
      dataAgeP95Ms: result.ageP95Ms,
      eventsPerBrowserPerS: result.eventsPerClientPerS,
      bytesPerBrowserPerS: result.bytesPerClientPerS,
      errors: result.errors,
      connectMs: ready.connectMs,
      refusedWhileStarting: ready.refusedWhileStarting,
      seconds: round(seconds, 1),
    },
  });
} finally {
  app.stop();
}
