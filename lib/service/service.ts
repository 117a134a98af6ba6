import 'server-only';
import { randomUUID } from 'node:crypto';
import type { BucketStore } from '@/lib/cache/bucket-store';
import { cacheKey, seriesKey } from '@/lib/cache/key';
import type { LoadOptions } from '@/lib/cache/load';
import type { ResponseCache } from '@/lib/cache/response-cache';
import type { QueryResponse, ValuesResponse } from '@/lib/contract/schemas';
import type { DatasourceId } from '@/lib/dashboards/datasources';
import { codeMeasure } from '@/lib/dashboards/measure';
import { findDashboard, findDatasource, findPanel } from '@/lib/dashboards/registry';
import type { Dashboard } from '@/lib/dashboards/schema';
import { isEngineError, type Engine } from '@/lib/engines/engine';
import { AppError } from '@/lib/errors/app-error';
import { logger, withoutLiterals } from '@/lib/metrics/log';
import { metrics } from '@/lib/metrics/registry';
import { checkSpan, checkView, resolveInterval, type PanelPlan } from '@/lib/query/plan';
import type { QuerySpec } from '@/lib/query/spec';
import { coarsestTier } from '@/lib/query/tiers';
import { bindLocked } from '@/lib/view/locked';
import { isRelative, type Filter, type View } from '@/lib/view/schema';
import { DURATION_MS } from '@/lib/view/time';
import type { Admission } from './admission';
import type { Freshness } from './freshness';
import { memoPlan } from './plan-memo';
import { runPlan, type Incremental } from './run';
import { LATENESS_MS } from './incremental';
import { engineTiers, runSpec } from './run-spec';
import { expectedBand } from './expected-band';
import { measureKind, zeroWhenEmpty } from '@/lib/dashboards/measure-kind';
import type { Row } from '@/lib/sql/cells';

/** What answering a view needs: the composition root supplies the real parts, tests their own. */
export type Answering = {
  engine: Engine;
  cache: ResponseCache<CachedAnswer>;
  /** Closed time-series buckets, so refreshes re-query only what can still change. */
  buckets: BucketStore;
  /** Engine capacity, shared fairly between tenants. */
  admission: Admission;
  freshness: Pick<Freshness, 'until' | 'latest'>;
  queryTimeoutMs: number;
  /** The dashboards a tenant built (lib/store), read on every request so an edit applies at once. */
  tenantDashboards?: (tenant: string, id: string) => Promise<Dashboard | undefined>;
};

/** What the cache holds for a panel: the body parts that do not depend on when it is served. */
export type CachedAnswer = {
  /** The window answered, epoch ms: a live view's window moves on, its key stays. */
  interval: { start: number; end: number };
  /** Where the tenant's data ended when this was computed. */
  dataUntil: number;
  columns: QueryResponse['columns'];
  rows: QueryResponse['rows'];
  compare: QueryResponse['compare'];
  trend?: QueryResponse['trend'];
  expected?: QueryResponse['expected'];
  queryMs: number;
  bytes: number;
};

/** Closed, historical answers never change; answers that include the open bucket change every second. */
export const TTL_LIVE_MS = 5_000;
const TTL_CLOSED_MS = 3_600_000;

/** A configured dashboard, else one the tenant built; another tenant's is as unknown as a made-up id. */
export async function dashboardFor(rt: Pick<Answering, 'tenantDashboards'>, tenant: string, id: string): Promise<Dashboard> {
  const d = findDashboard(id) ?? (await rt.tenantDashboards?.(tenant, id));
  if (!d) throw new AppError('not_found', `There is no dashboard ${JSON.stringify(id)}.`, 'dashboard');
  return d;
}

/**
 * The view with an embed token's locked filters bound. A locked filter on a dimension this
 * dashboard lacks cannot be enforced on its datasource: the dashboard is refused, never shown unfiltered.
 */
function lockedView(dashboard: Dashboard, view: View, locked: readonly Filter[]): View {
  const dims = new Set(dashboard.dimensions.map((d) => d.id));
  if (locked.some((f) => !dims.has(f.dim))) throw new AppError('forbidden', `This embed token's locked filters do not apply to ${dashboard.title}.`, 'dashboard');
  return bindLocked(view, locked);
}

/**
 * A panel's answer, with what identifies its version, how long it stays a cache hit, and the
 * data it was computed from (a replay of its bytes is right only while that is the newest).
 */
export type PanelAnswer = {
  response: QueryResponse;
  version: string;
  freshForMs: number;
  basis: { datasource: DatasourceId; dataUntil: number };
  /** A tenant's own dashboard can change any moment: its answers are not replayed by body (lib/api/query-endpoint.ts). */
  tenantOwned: boolean;
};

/**
 * A request about one panel, resolved: the dashboard (the tenant's own included), the panel (404
 * at panel), the view with the locked filters bound, and where the tenant's data ends. From here on
 * only the bound view: plans, SQL and cache keys carry the locked filters.
 */
export async function panelInView(rt: Pick<Answering, 'tenantDashboards' | 'freshness'>, req: { tenant: string; locked: readonly Filter[]; dashboard: string; panel: string; view: View }) {
  const dashboard = await dashboardFor(rt, req.tenant, req.dashboard);
  const panel = findPanel(dashboard, req.panel);
  if (!panel) throw new AppError('not_found', `${dashboard.title} has no panel ${JSON.stringify(req.panel)}.`, 'panel');
  const view = lockedView(dashboard, req.view, req.locked);
  const dataUntil = await freshness(rt, dashboard.datasource as DatasourceId, req.tenant);
  return { dashboard, panel, view, dataUntil };
}

export async function answerPanel(
  rt: Answering,
  req: { tenant: string; locked: readonly Filter[]; dashboard: string; panel: string; view: View; expected?: boolean; signal?: AbortSignal },
): Promise<PanelAnswer> {
  const { dashboard, panel, view, dataUntil } = await panelInView(rt, req);
  const plan = memoPlan({ dashboard, panel, view, tenant: req.tenant, dataUntil, expected: req.expected });
  const keyParts = { engine: rt.engine.name, tenant: req.tenant, scope: `panel:${dashboard.id}@${dashboard.version}:${panel.type}:${panel.id}${plan.expected ? ':expected' : ''}`, grain: plan.grain, view };
  // A live (relative) view keeps one entry as its window moves on: when the window has moved,
  // the last answer to the same view (same preset) is served stale, with its own interval and
  // age, while the new window is computed behind it, instead of every viewer of the view
  // waiting for a cold query each time a bucket closes.
  const window = isRelative(view.range) ? { last: view.range.last } : plan.interval;
  const key = cacheKey({ ...keyParts, window });
  const ttlMs = plan.interval.end >= dataUntil - DURATION_MS[plan.grain] - LATENESS_MS ? TTL_LIVE_MS : TTL_CLOSED_MS;
  const isCurrent = (a: CachedAnswer) => a.interval.start === plan.interval.start && a.interval.end === plan.interval.end;
  // The series key (another digest) only when the engine is asked: a hit never needs it.
  const got = await cached(rt, req.tenant, key, { ttlMs, isCurrent }, req.signal, (signal, priority) =>
    computeAnswer(rt, plan, dataUntil, { signal, priority }, { store: rt.buckets, key: seriesKey(keyParts), dataUntil }),
  );
  const response: QueryResponse = {
    columns: got.value.columns,
    rows: got.value.rows,
    compare: got.value.compare,
    ...(got.value.trend ? { trend: got.value.trend } : {}),
    ...(got.value.expected ? { expected: got.value.expected } : {}),
    meta: {
      engine: rt.engine.name,
      // A request that joined a computation of the window before this one gets an older answer
      // to the same view: it says so, as any stale answer does.
      cache: isCurrent(got.value) ? got.status : 'stale',
      ageMs: got.ageMs,
      queryMs: Math.round(got.value.queryMs * 10) / 10,
      interval: isoInterval(got.value.interval),
      grain: plan.grain,
      dataUntil: new Date(got.value.dataUntil).toISOString(),
      // A function of the view like everything the key names: the same key, the same tier.
      tier: coarsestTier(plan.main, engineTiers(rt.engine, plan.main.datasource), rt.engine.dialect),
    },
  };
  const basis = { datasource: dashboard.datasource as DatasourceId, dataUntil };
  return { response, version: `${key}@${got.storedAt}`, freshForMs: got.freshForMs, basis, tenantOwned: !findDashboard(dashboard.id) };
}

async function computeAnswer(
  rt: Answering,
  plan: PanelPlan,
  dataUntil: number,
  run: { signal: AbortSignal; priority: number },
  incremental: Incremental,
): Promise<CachedAnswer> {
  const opts = { ...run, timeoutMs: rt.queryTimeoutMs, queryId: `pulse-${randomUUID()}`, tz: plan.main.tz };
  const result = await runPlan(rt.engine, plan, opts, incremental);
  const answer = {
    interval: plan.interval,
    dataUntil,
    columns: plan.columns,
    rows: result.rows,
    compare:
      result.compareRows && plan.compareInterval
        ? { columns: plan.columns, rows: result.compareRows, interval: isoInterval(plan.compareInterval) }
        : null,
    ...(result.trendRows && plan.trend ? { trend: { columns: [{ name: 't', type: 'time' as const }, ...plan.columns], rows: result.trendRows } } : {}),
    ...(result.expectedRows ? { expected: expectedAnswer(plan, result.rows, result.expectedRows) } : {}),
    queryMs: result.queryMs,
  };
  return { ...answer, bytes: JSON.stringify(answer).length };
}

/** The band behind an unsplit series, from the weeks before, as the answer carries it. */
export function expectedAnswer(plan: PanelPlan, rows: Row[], weeks: Row[][]): NonNullable<QueryResponse['expected']> {
  const { grain, dataUntil, main } = plan;
  const band = expectedBand(rows, weeks, { grain, tz: main.tz, dataUntil, counts: zeroWhenEmpty(measureKind(main.measures[0]!.aggregate)) });
  const columns = [{ name: 't', type: 'time' as const }, ...['low', 'median', 'high'].map((name) => ({ name, type: 'number' as const }))];
  return { columns, rows: band.rows, outside: band.outside };
}

/** Typeahead: the most common values of one dimension in the view's range, filtered by `search`. */
export async function answerValues(
  rt: Answering,
  req: { tenant: string; locked: readonly Filter[]; dashboard: string; dim: string; search: string; view: View; signal?: AbortSignal },
): Promise<ValuesResponse> {
  const dashboard = await dashboardFor(rt, req.tenant, req.dashboard);
  if (!dashboard.dimensions.some((d) => d.id === req.dim)) {
    throw new AppError('invalid_input', `${req.dim} is not a dimension of ${dashboard.title}`, 'dim');
  }
  checkView(dashboard, req.view);
  checkSpan(dashboard, req.view);
  const dataUntil = await freshness(rt, dashboard.datasource as DatasourceId, req.tenant);
  const { interval, grain } = resolveInterval(req.view, dataUntil);
  // Other filters narrow the suggestions; this dimension's own filters would hide the alternatives
  // (its locked ones never: they are bound after).
  const own = req.view.filters.filter((f) => f.dim !== req.dim);
  if (req.search) own.push({ dim: req.dim, op: 'contains', values: [req.search] });
  const { filters } = lockedView(dashboard, { ...req.view, filters: own }, req.locked);
  const spec: QuerySpec = {
    datasource: dashboard.datasource as DatasourceId,
    tenant: req.tenant,
    interval,
    tz: req.view.tz,
    filters,
    dimensions: [req.dim],
    measures: [codeMeasure(findDatasource(dashboard.datasource)!, { id: 'n', type: 'count' })],
    orderBy: [{ column: 'n', dir: 'desc' }, { column: req.dim, dir: 'asc' }],
    limit: 20,
  };
  const key = cacheKey({
    engine: rt.engine.name,
    tenant: req.tenant,
    scope: `values:${dashboard.id}@${dashboard.version}:${req.dim}:${req.search}`,
    view: { ...req.view, filters },
    window: interval,
    grain,
  });
  const got = await cached(rt, req.tenant, key, { ttlMs: TTL_LIVE_MS * 6 }, req.signal, async (signal, priority) => {
    const started = performance.now();
    const rows = await runSpec(rt.engine, spec, { signal, priority, timeoutMs: rt.queryTimeoutMs, queryId: `pulse-${randomUUID()}`, tz: spec.tz });
    const answer = { interval, dataUntil, columns: [], rows, compare: null, queryMs: performance.now() - started };
    return { ...answer, bytes: JSON.stringify(rows).length };
  });
  return { values: got.value.rows.map((r) => ({ value: r[0] as string | null, count: Number(r[1]) })) };
}

/**
 * Cache first; a miss waits for its tenant's fair share of engine capacity (admission control).
 * Every tenant endpoint that asks the engine goes through here (panels, values, alerts).
 */
export async function cached(
  rt: Answering,
  tenant: string,
  key: string,
  opts: LoadOptions<CachedAnswer>,
  signal: AbortSignal | undefined,
  load: (signal: AbortSignal, priority: number) => Promise<CachedAnswer>,
) {
  try {
    const admitted = (flight: AbortSignal, background: boolean) => rt.admission.run(tenant, (priority) => load(flight, priority), { signal: flight, background });
    const got = await rt.cache.get(key, admitted, { ...opts, signal, canServeStale: isEngineTrouble });
    metrics().cacheRequests.inc({ result: got.status });
    metrics().cacheBytes.set(rt.cache.stats().bytes);
    return got;
  } catch (err) {
    throw toAppError(err);
  }
}

export async function freshness(rt: Pick<Answering, 'freshness'>, datasource: DatasourceId, tenant: string): Promise<number> {
  try {
    return await rt.freshness.until(datasource, tenant);
  } catch (err) {
    throw toAppError(err);
  }
}

function isEngineTrouble(err: unknown): boolean {
  return isEngineError(err) && (err.kind === 'unavailable' || err.kind === 'timeout');
}

/** Engine failures become API errors; the engine's own words go to the log only. */
export function toAppError(err: unknown): unknown {
  if (!isEngineError(err)) return err;
  switch (err.kind) {
    case 'timeout':
      return new AppError('engine_timeout', 'The query took too long. Try a shorter range or fewer filters.');
    case 'unavailable':
      return new AppError('engine_unavailable', 'The data engine is unavailable right now. Please retry shortly.');
    case 'cancelled':
      return new AppError('engine_unavailable', 'The query was cancelled.');
    case 'bad_query':
      logger().error({ detail: withoutLiterals(err.detail) }, 'engine query failed');
      return new AppError('engine_unavailable', 'The data engine could not answer this query.');
  }
}

export function isoInterval(i: { start: number; end: number }) {
  return { start: new Date(i.start).toISOString(), end: new Date(i.end).toISOString() };
}
