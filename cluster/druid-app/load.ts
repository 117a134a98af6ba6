/**
 * The dashboard load through HAProxy: signed-in people (a session cookie each, from signing in
 * through HAProxy) opening dashboards, every panel at once as the browser does, over and over.
 * Every answer is kept (time, status, error code, cache state) to be judged per fault window.
 */
import { listDashboards } from '@/lib/dashboards/registry';
import { sleep } from './control';
import { REQUEST_ID, describeWritten, writtenOn } from './sockets';

/** `detail`: for a request with no HTTP answer, what the socket did and which connection it was on. */
export type Sample = { at: number; status: number; code: string; cache: string; ms: number; detail?: string };
let requests = 0;

/** The views people look at: a few, so most answers are cached (and can be served stale). */
export const VIEWS = [
  { range: { last: 'PT1H' }, tz: 'UTC' },
  { range: { last: 'PT6H' }, tz: 'Europe/Berlin' },
  { range: { last: 'P1D' }, tz: 'America/New_York', grain: 'PT1H' },
];

export async function signIn(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo' }) });
  if (res.status !== 200) throw new Error(`sign-in of ${email} through HAProxy: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** One POST /api/query, never throwing: a network failure is status 0. */
export async function query(url: string, cookie: string, body: unknown): Promise<Sample & { body: unknown }> {
  const started = Date.now();
  const id = String(++requests);
  try {
    const res = await fetch(`${url}/api/query`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, [REQUEST_ID]: id }, body: JSON.stringify(body), signal: AbortSignal.timeout(20_000) });
    writtenOn(id);
    const text = await res.text();
    let parsed: { error?: { code?: string }; meta?: { cache?: string } } | string = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* HAProxy's own error pages are HTML: kept as text, code says so */
    }
    const code = typeof parsed === 'string' ? (res.ok ? '' : 'not-json') : (parsed.error?.code ?? '');
    const cache = typeof parsed === 'string' ? '' : (parsed.meta?.cache ?? '');
    return { at: started, status: res.status, code, cache, ms: Date.now() - started, body: parsed };
  } catch (err) {
    // fetch's TypeError says little; its cause says what the socket did (reset, closed, refused).
    const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
    const ms = Date.now() - started;
    const detail = `${cause?.message ?? (err as Error).message} after ${ms} ms, ${describeWritten(writtenOn(id))}, at ${new Date(started).toISOString()}`;
    return { at: started, status: 0, code: `${(err as Error).name}${cause ? ` ${cause.code ?? cause.message}` : ''}`, cache: '', ms, body: null, detail };
  }
}

export class DashboardLoad {
  readonly samples: Sample[] = [];
  /** Dashboards each person has opened so far. */
  private readonly opened: number[] = [];
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly url: string,
    private readonly cookies: string[],
  ) {}

  start(): void {
    this.running = true;
    const dashboards = listDashboards();
    this.loops = this.cookies.map(async (cookie, u) => {
      this.opened[u] = 0;
      for (let i = u; this.running; i++) {
        const d = dashboards[i % dashboards.length]!;
        const view = VIEWS[Math.floor(i / dashboards.length) % VIEWS.length];
        const answers = await Promise.all(d.panels.map((p) => query(this.url, cookie, { dashboard: d.id, panel: p.id, view })));
        for (const { body: _body, ...s } of answers) this.samples.push(s);
        this.opened[u]!++;
        await sleep(250);
      }
    });
  }

  /** Every person has opened every dashboard in every view once. */
  seenAll(): boolean {
    const all = listDashboards().length * VIEWS.length;
    return this.opened.length > 0 && this.opened.every((n) => n >= all);
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  between(from: number, to: number): Sample[] {
    return this.samples.filter((s) => s.at >= from && s.at < to);
  }
}

/** "200: 812 (stale 40), 503 engine_unavailable: 3": the answers of a window by status (and error code). */
export function byStatus(samples: Sample[]): string {
  const groups = new Map<string, number>();
  for (const s of samples) {
    const key = s.status === 200 ? '200' : `${s.status} ${s.code}`.trim();
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const stale = samples.filter((s) => s.cache === 'stale').length;
  return [...groups].sort().map(([k, n]) => `${k}: ${n}${k === '200' && stale ? ` (stale ${stale})` : ''}`).join(', ') || 'none';
}

export const errorRate = (samples: Sample[]) => (samples.length ? samples.filter((s) => s.status !== 200).length / samples.length : 0);
