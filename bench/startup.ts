// startup: `npm start` of the embedded default, as after a fresh clone and `npm install` with a
// build in place: from spawning `node scripts/start.mjs` (new, empty data directory: the
// app-state database is created, the sample data generated) to the first live answer with data,
// i.e. a signed-in POST /api/query that answers rows whose data ends after the spawn (ingested
// live, not seeded, and at most 2 s old). The data's age at that answer is in the notes. Several rounds; the figure is the median, with the spread. The goal is absolute
// (≤ 10 s, issue 20): no baseline. Needs `next build` first (a cold build is not counted:
// start.mjs builds only when the sources are newer than the build).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchPort, METRICS_PORT_OFFSET } from './ports';
import { median, report, round } from './report';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const GIVE_UP_MS = 120_000;
/** Data this fresh counts as live (the data-age goal). */
const LIVE_AGE_MS = 2_000;
const port = benchPort('startup');
const url = `http://127.0.0.1:${port}`;
const body = JSON.stringify({ dashboard: 'cluster-overview', panel: 'throughput', view: { range: { last: 'PT15M' }, tz: 'UTC' } });

type Round = { liveMs: number; readyMs: number; firstAnswerMs: number; dataAgeMs: number };

async function once(): Promise<Round> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-startup-'));
  const started = performance.now();
  const spawnedAt = Date.now();
  const proc = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, PORT: String(port), PULSE_METRICS_PORT: String(port + METRICS_PORT_OFFSET), PULSE_LIVE: 'on', PULSE_DATA_DIR: dir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // start.mjs builds first when the sources are newer than the build: that is not what is timed here.
  let building = false;
  proc.stdout.on('data', (c: Buffer) => (building ||= c.toString().includes('building the app')));
  const since = () => performance.now() - started;
  try {
    let readyMs = NaN;
    let firstAnswerMs = NaN;
    let cookie: string | undefined;
    while (since() < GIVE_UP_MS) {
      if (building) throw new Error('the build is older than the sources: run `npx next build` first');
      try {
        if (Number.isNaN(readyMs) && (await fetch(`${url}/api/health/ready`)).ok) readyMs = since();
        if (!Number.isNaN(readyMs)) {
          cookie ??= await signIn();
          const res = await fetch(`${url}/api/query`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body });
          if (res.ok) {
            const answer = (await res.json()) as { rows: unknown[]; meta: { dataUntil: string } };
            if (answer.rows.length > 0) {
              if (Number.isNaN(firstAnswerMs)) firstAnswerMs = since();
              const until = Date.parse(answer.meta.dataUntil);
              // Live: ingested after the spawn and at most LIVE_AGE_MS old (the seeded history ends when seeding began).
              if (until > spawnedAt && Date.now() - until <= LIVE_AGE_MS) return { liveMs: since(), readyMs, firstAnswerMs, dataAgeMs: Date.now() - until };
            }
          }
        }
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no live answer within ${GIVE_UP_MS / 1000} s`);
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function signIn(): Promise<string> {
  const res = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'demo@acme.test', password: 'demo' }) });
  if (!res.ok) throw new Error(`sign-in answered ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const rounds: Round[] = [];
for (let r = 0; r < ROUNDS; r++) rounds.push(await once());
const live = rounds.map((r) => r.liveMs);
report({
  name: 'startup',
  figure: round(median(live) / 1000),
  baseline: null,
  unit: 's from spawning `node scripts/start.mjs` (built, new data directory) to the first answer with data ingested after the spawn and at most 2 s old',
  better: 'lower',
  notes: {
    rounds: ROUNDS,
    minS: round(Math.min(...live) / 1000),
    maxS: round(Math.max(...live) / 1000),
    readyMedianS: round(median(rounds.map((r) => r.readyMs)) / 1000),
    firstAnswerMedianS: round(median(rounds.map((r) => r.firstAnswerMs)) / 1000),
    dataAgeMsAtLive: rounds.map((r) => Math.round(r.dataAgeMs)),
  },
});
process.exit(0);
