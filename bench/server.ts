import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { METRICS_PORT_OFFSET } from './ports';

export type App = {
  url: string;
  metricsUrl: string;
  stop: () => void;
  proc: ChildProcess;
  /** The first MiB the app wrote on stdout (start-up messages); the rest is read and dropped. */
  startupOutput: () => string;
};

const STARTUP_OUTPUT_BYTES = 1 << 20;

/** Starts the built app the way `npm start` does (from `cwd`, another checkout's build if given; Node flags such as --cpu-prof in `nodeArgs`), on a port with the given env, and waits until it is ready. */
export async function startApp(port: number, env: Record<string, string> = {}, cwd = process.cwd(), nodeArgs: string[] = []): Promise<App> {
  const metricsPort = port + METRICS_PORT_OFFSET;
  // Each port its own embedded app-state database (PGlite is one process per directory), kept
  // between runs because creating one takes 10–60 s on a busy machine; a caller may share one instead.
  const dataDir = join('var', 'bench-data', String(port));
  const proc = spawn(process.execPath, [...nodeArgs, 'scripts/start.mjs'], {
    env: { ...process.env, PORT: String(port), PULSE_METRICS_PORT: String(metricsPort), PULSE_LIVE: 'off', PULSE_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd,
  });
  // Its stdout is always read, as a terminal or a log collector would: an unread pipe fills and
  // the app's logger then holds every later request's log line in memory.
  let output = '';
  proc.stdout!.on('data', (c: Buffer) => {
    if (output.length < STARTUP_OUTPUT_BYTES) output += c.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health/ready`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error('the app did not start within 120 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, proc, stop: () => proc.kill('SIGTERM'), startupOutput: () => output };
}

export async function login(url: string, email = 'demo@acme.test'): Promise<string> {
  const res = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo' }) });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** The app's Prometheus text from its metrics listener: a lookup summing a metric's series, or only those with `label`. */
export async function scrapeMetrics(app: Pick<App, 'metricsUrl'>): Promise<(name: string, label?: string) => number> {
  const lines = (await (await fetch(app.metricsUrl)).text()).split('\n');
  return (name, label) =>
    lines.reduce((sum, line) => {
      const m = /^(\w+)(\{[^}]*\})? (\S+)$/.exec(line);
      return m && m[1] === name && (!label || m[2]?.includes(label)) ? sum + Number(m[3]) : sum;
    }, 0);
}
