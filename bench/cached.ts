// cached: throughput of a cache-hit POST /api/query (real session, real view) through the built
// app (`npm start`) versus a bare node:http server sending the same answer bytes. The app, the
// bare server and each load run are separate processes; rounds alternate which side goes first
// and the figures are medians with the per-round ratio spread. Two ways of asking:
// - varied: every request spells the body differently (lib: bench/vary.ts), so the response
//   cache answers each one (what many browsers asking for one view look like);
// - repeated: byte-identical requests, partly answered by the one-second replay of the
//   serialized answer (what one client polling looks like).
// Needs `next build` first. BENCH_CPU_PROF=dir writes a V8 CPU profile of the app there
// (summarize it with bench/cpu-profile.ts) and BENCH_CASES=cached-series limits the cases.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadResult, LoadTask } from './load';
import { runScript, startScript } from './processes';
import { benchPort } from './ports';
import { median, report, round } from './report';
import { login, startApp } from './server';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);

// A small top-N answer, and a 7-day hourly series split by broker that is sent compressed.
const CASES = [
  { name: 'cached', panel: 'top_topics', view: { range: { last: 'P1D' }, tz: 'UTC' } },
  { name: 'cached-series', panel: 'latency', view: { range: { last: 'P7D' }, tz: 'UTC', grain: 'PT1H' } },
];
const MODES = (process.env.BENCH_MODES ?? 'every,none').split(',') as ('every' | 'none')[];
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
// A profiled app runs slower: its figures are printed, never stored as results.
const publish = PROFILE_DIR ? (r: Parameters<typeof report>[0]) => console.log(JSON.stringify(r)) : report;
const cases = CASES.filter((c) => !process.env.BENCH_CASES || process.env.BENCH_CASES.split(',').includes(c.name));

const app = await startApp(benchPort('cached'), {}, process.cwd(), PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, '--import=./bench/exit-on-sigterm.mjs'] : []);
const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-'));
try {
  const cookie = await login(app.url);
  // What a browser sends: the session cookie and the encodings it accepts.
  const headers = { 'content-type': 'application/json', cookie, 'accept-encoding': 'gzip, deflate, br, zstd' };
  for (const c of cases) {
    const body = { dashboard: 'cluster-overview', panel: c.panel, view: c.view };
    await capture(`${app.url}/api/query`, headers, JSON.stringify(body)); // miss
    const warm = await capture(`${app.url}/api/query`, headers, JSON.stringify(body)); // hit: the bytes a later request gets
    if (warm.status !== 200) throw new Error(`warm-up of ${c.panel} answered ${warm.status}`);
    const file = join(dir, `${c.name}.json`);
    writeFileSync(file, JSON.stringify({ headers: warm.headers, body: warm.body.toString('base64') }));
    const bare = await startScript<{ port: number }>('bench/bare.ts', [file]);
    try {
      for (const vary of MODES) {
        const load = (url: string) => runScript<LoadResult>('bench/load.ts', [JSON.stringify({ url, headers, body, vary, connections: CONNECTIONS, seconds: SECONDS } satisfies LoadTask)]);
        const sides = { app: `${app.url}/api/query`, bare: `http://127.0.0.1:${bare.ready.port}/api/query` };
        const rounds: { app: LoadResult; bare: LoadResult }[] = [];
        for (let r = 0; r < ROUNDS; r++) {
          const order = r % 2 === 0 ? (['app', 'bare'] as const) : (['bare', 'app'] as const);
          const got: Partial<Record<'app' | 'bare', LoadResult>> = {};
          for (const side of order) got[side] = await load(sides[side]);
          if (got.app!.non2xx > 0 || got.app!.errors > 0) throw new Error(`${got.app!.non2xx} non-2xx answers and ${got.app!.errors} errors from the app`);
          rounds.push({ app: got.app!, bare: got.bare! });
        }
        const ratios = rounds.map((r) => r.app.rps / r.bare.rps);
        publish({
          name: `${c.name}-${vary === 'every' ? 'varied' : 'repeated'}`,
          figure: round(median(rounds.map((r) => r.app.rps))),
          baseline: round(median(rounds.map((r) => r.bare.rps))),
          unit: `requests/s (cache hit, POST /api/query ${c.panel}, ${vary === 'every' ? 'every body spelled differently' : 'byte-identical bodies'})`,
          better: 'higher',
          notes: {
            rounds: ROUNDS,
            ratioMedian: round(median(ratios), 3),
            ratioMin: round(Math.min(...ratios), 3),
            ratioMax: round(Math.max(...ratios), 3),
            connections: CONNECTIONS,
            seconds: SECONDS,
            bodyBytes: warm.body.length,
            encoding: warm.headers['content-encoding'] ?? 'identity',
            appP99Ms: median(rounds.map((r) => r.app.p99)),
            bareP99Ms: median(rounds.map((r) => r.bare.p99)),
          },
        });
      }
    } finally {
      bare.proc.kill();
    }
  }
} finally {
  app.stop();
}
process.exit(0);

/** One request with its raw (still compressed) body and the headers worth repeating. */
function capture(url: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = res.headers;
        resolve({ status: res.statusCode ?? 0, headers: rest as Record<string, string>, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
