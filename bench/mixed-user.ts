// What one user of the mixed load does, seeded: opens a dashboard (the page, then every panel),
// refreshes it live every 10 s, now and then switches range, filters through the typeahead or
// opens another dashboard, and polls the alerts badge. Requests go through `send`, which the
// load generator times (bench/mixed.ts).
import type { Dashboard } from '@/lib/dashboards/schema';
import { zipf } from './seeded';

export type RequestKind = 'query' | 'values' | 'alerts' | 'page';
/** What the load generator learnt of one answer; `body` is the parsed JSON of a JSON answer. */
export type Answer = { status: number; body?: unknown };
export type Send = (kind: RequestKind, method: 'GET' | 'POST', path: string, cookie: string, body?: unknown) => Promise<Answer>;

/** Ranges and layouts users pick, most popular first (drawn by Zipf). */
export const VIEWS = [
  { range: { last: 'P1D' } },
  { range: { last: 'PT1H' } },
  { range: { last: 'P1D' }, compare: 'previous' },
  { range: { last: 'PT6H' } },
  { range: { last: 'P7D' } },
  { range: { last: 'P1D' }, tz: 'America/New_York' },
  { range: { last: 'PT12H' }, compare: 'P1D' },
  { range: { last: 'PT15M' } },
  { range: { last: 'P7D' }, grain: 'P1D', compare: 'previous' },
  { range: { last: 'PT6H' }, grain: 'PT5M' },
] as const;

export const REFRESH_MS = 10_000;
/** The header's alert badge polls this often (lib/ui/queries.ts: three live refreshes). */
export const ALERTS_POLL_MS = 3 * REFRESH_MS;

type Filter = { dim: string; op: 'in'; values: string[] };

export type Behaviour = {
  dashboards: Dashboard[];
  random: () => number;
  /** The chance, per live refresh, that the user changes what they look at (1/6: once a minute). */
  changePerRefresh: number;
};

export class MixedUser {
  private readonly pickView: () => number;
  private readonly pickDashboard: () => number;
  private dashboard!: Dashboard;
  private view: Record<string, unknown> = {};
  private filters: Filter[] = [];
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly cookie: string,
    private readonly send: Send,
    private readonly b: Behaviour,
  ) {
    this.pickView = zipf(VIEWS.length, b.random);
    this.pickDashboard = zipf(b.dashboards.length, b.random);
  }

  /** Arrives at a random moment within the first refresh period, then keeps going until stop(). */
  start(): void {
    const arrive = this.b.random() * REFRESH_MS;
    this.timers.push(
      setTimeout(() => {
        void this.open();
        this.timers.push(setInterval(() => void this.tick(), REFRESH_MS));
        void this.pollAlerts();
        this.timers.push(setInterval(() => void this.pollAlerts(), ALERTS_POLL_MS));
      }, arrive),
    );
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
  }

  private async tick(): Promise<void> {
    const r = this.b.random();
    if (r >= this.b.changePerRefresh) return this.panels(); // a live refresh
    const what = r / this.b.changePerRefresh; // uniform again on [0, 1)
    if (what < 0.5) {
      this.view = { tz: 'UTC', ...VIEWS[this.pickView()] };
      return this.panels();
    }
    if (what < 0.8) return this.filter();
    return this.open();
  }

  /** A page load of another dashboard (Zipf), on a view drawn anew, then its panels. */
  private async open(): Promise<void> {
    this.dashboard = this.b.dashboards[this.pickDashboard()]!;
    this.view = { tz: 'UTC', ...VIEWS[this.pickView()] };
    this.filters = [];
    await this.send('page', 'GET', `/d/${this.dashboard.id}`, this.cookie);
    await this.panels();
  }

  /** Every panel at once, as the dashboard asks for them. */
  private async panels(): Promise<void> {
    const view = { ...this.view, filters: this.filters };
    await Promise.all(this.dashboard.panels.map((p) => this.send('query', 'POST', '/api/query', this.cookie, { dashboard: this.dashboard.id, panel: p.id, view })));
  }

  /** Typeahead on a dimension: a keystroke or two, then a suggested value becomes the filter (or the filter is cleared). */
  private async filter(): Promise<void> {
    if (this.filters.length > 0 && this.b.random() < 0.3) {
      this.filters = [];
      return this.panels();
    }
    const dims = this.dashboard.dimensions;
    const dim = dims[Math.floor(this.b.random() * dims.length)]!.id;
    const view = { ...this.view, filters: this.filters };
    let search = '';
    let suggested: string[] = [];
    for (const keys of [0, 1, 2].slice(0, 1 + Math.floor(this.b.random() * 3))) {
      const answer = await this.send('values', 'POST', '/api/values', this.cookie, { dashboard: this.dashboard.id, dim, search, view });
      suggested = ((answer.body as { values?: { value: string | null }[] } | undefined)?.values ?? []).flatMap((v) => (v.value === null ? [] : [v.value]));
      const next = suggested[0]?.slice(0, keys + 1);
      if (!next || next === search) break;
      search = next;
    }
    if (suggested.length === 0) return;
    const value = suggested[Math.floor(this.b.random() * Math.min(5, suggested.length))]!;
    this.filters = [...this.filters.filter((f) => f.dim !== dim), { dim, op: 'in', values: [value] }];
    await this.panels();
  }

  private async pollAlerts(): Promise<void> {
    await this.send('alerts', 'GET', '/api/alerts?tz=UTC', this.cookie);
  }
}
