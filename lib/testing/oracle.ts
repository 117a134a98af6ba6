/**
 * The differential oracle: sequences of dashboard requests as users make them (presets,
 * absolute and brushed ranges on and off the grain, zones with DST and half-hour offsets,
 * every grain, filters, split, top-N, compare, live ticks with new rows between requests,
 * concurrent identical requests), each answered by the service with every cache and
 * incremental path on, and checked against the same request computed from scratch.
 *
 * The rules an answer must keep (see `check`):
 * - a miss is today's answer: equal to the uncached one, for the interval asked;
 * - a hit is an answer to this very request from a moment with no newer data (its true age
 *   says when), and once older than the live TTL it is still today's answer;
 * - a stale answer is an older answer to the same view: equal to what that view was answered,
 *   uncached, at the data of the moment its age names, interval included;
 * - a request the contract allows is never refused, one it refuses gets the same error.
 * Where the world has a `reference` engine (the embedded one without its rollup tiers), "computed
 * from scratch" also means from the ingest grain: every tier answer must equal it.
 * "Equal" is rowsAgree's (conformance.ts); on an engine that sketches quantiles, a quantile is
 * judged by its rank among the exact values of the data of its time (`OracleWorld.exact`).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { findDashboard, listDashboards } from '@/lib/dashboards/registry';
import type { Dashboard, Panel } from '@/lib/dashboards/schema';
import type { DatasourceId } from '@/lib/dashboards/datasources';
import type { Measure } from '@/lib/dashboards/measure';
import type { Engine, QueryOptions } from '@/lib/engines/engine';
import type { Row } from '@/lib/sql/cells';
import { bucketCount, MAX_BUCKETS, planPanel, type PanelPlan } from '@/lib/query/plan';
import { runPlan } from '@/lib/service/run';
import { answerPanel, TTL_LIVE_MS, type Answering } from '@/lib/service/service';
import type { Interval, QuerySpec } from '@/lib/query/spec';
import { ViewSchema, type View, type ViewInput } from '@/lib/view/schema';
import { COMPARE_SHIFTS, DURATION_MS, GRAINS, RELATIVE_RANGES, autoGrain, type Grain } from '@/lib/view/time';
import { addLocalDays, ceilToGrain, floorToGrain } from '@/lib/view/zoned';
import { rowsAgree } from './conformance';
import type { PlanExactValues } from './exact-quantiles';

/** The data an oracle run asks about, and the clock the service under test is given. */
export type OracleWorld = {
  engine: Engine;
  /** The engine reference answers come from (default: `engine`); the embedded world's reads no rollup tier. */
  reference?: Engine;
  tenants: string[];
  clock: { now: number };
  /** Where freshness looks for each tenant's data (as the service is configured). */
  freshnessWindow: (now: number) => Interval;
  /** Values a filter may pick, per datasource and dimension (any tenant's). */
  values: (datasource: DatasourceId, dim: string) => string[];
  /** New rows for these tenants up to `toMs`, as live ingest would append them; absent: no live data. */
  append?: (tenants: string[], toMs: number) => Promise<void>;
  /** The longest tick this world can take (the clock moves at most this far per tick). */
  maxTickMs?: number;
  /**
   * The exact values behind a plan's quantiles, of the data the engine holds now, where the
   * engine's quantiles are sketched: then a quantile is judged by rank among them, as two
   * sketched answers of the same data may differ in value. Absent: quantiles must be equal.
   */
  exact?: (plan: PanelPlan, opts: QueryOptions) => Promise<PlanExactValues>;
};

/**
 * Fresh app instances under test over the world's engine and clock (new caches each sequence);
 * several instances share a store (Redis), and identical requests are spread over them.
 */
export type ServiceFactory = () => (Answering & { settled: () => Promise<void> })[];

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Kathmandu'];

type RangeSpec = { last: (typeof RELATIVE_RANGES)[number] } | { endBackMin: number; spanMin: number; offGrainSec: number };
type RequestSpec = {
  tenant: number;
  dashboard: number;
  panel: number;
  range: RangeSpec;
  tz: string;
  grain: 'auto' | Grain;
  compare: View['compare'];
  filter: { dim: number; op: 'in' | 'not_in' | 'contains'; values: number[] } | null;
  split: 'panel' | 'none' | number;
  limit: number;
};
type Field = keyof RequestSpec;
type Step = { ask: number; copies: number } | { tickMs: number; tenants: number[] };
export type Scenario = { pool: RequestSpec[]; steps: Step[] };

const rangeArb: fc.Arbitrary<RangeSpec> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ last: fc.constantFrom(...RELATIVE_RANGES) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      endBackMin: fc.integer({ min: 0, max: 4 * 1440 }),
      spanMin: fc.oneof(fc.integer({ min: 1, max: 180 }), fc.integer({ min: 180, max: 6 * 1440 })),
      // 0: on the minute grid (and so on coarser grids sometimes); otherwise a brushed edge.
      offGrainSec: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3599 })),
    }),
  },
);

export const requestArb: fc.Arbitrary<RequestSpec> = fc.record({
  tenant: fc.nat(7),
  dashboard: fc.nat(15),
  panel: fc.nat(15),
  range: rangeArb,
  tz: fc.constantFrom(...ZONES),
  grain: fc.oneof({ weight: 3, arbitrary: fc.constant('auto' as const) }, { weight: 2, arbitrary: fc.constantFrom(...GRAINS) }),
  compare: fc.constantFrom('none' as const, 'none' as const, 'previous' as const, ...COMPARE_SHIFTS),
  filter: fc.option(fc.record({ dim: fc.nat(7), op: fc.constantFrom('in' as const, 'not_in' as const, 'contains' as const), values: fc.array(fc.nat(40), { minLength: 1, maxLength: 3 }) }), { freq: 3 }),
  split: fc.oneof({ weight: 3, arbitrary: fc.constant('panel' as const) }, { weight: 1, arbitrary: fc.constant('none' as const) }, { weight: 1, arbitrary: fc.nat(7) }),
  limit: fc.constantFrom(3, 10, 10, 25),
});

/** Users change one control at a time: each request of the pool is the previous one with one field changed. */
const FIELDS: Field[] = ['range', 'range', 'range', 'grain', 'tz', 'compare', 'filter', 'split', 'limit', 'panel', 'tenant'];

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(requestArb, fc.array(fc.tuple(fc.constantFrom(...FIELDS), requestArb), { minLength: 1, maxLength: 4 }))
  .chain(([base, edits]) => {
    const pool = [base];
    for (const [field, other] of edits) pool.push({ ...pool.at(-1)!, [field]: other[field] });
    const step: fc.Arbitrary<Step> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ ask: fc.nat(pool.length - 1), copies: fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 4 }) }) }) },
      {
        weight: 2,
        arbitrary: fc.record({
          tickMs: fc.constantFrom(1_000, 4_000, 6_000, 65_000, 10 * 60_000, 3_600_000),
          tenants: fc.uniqueArray(fc.nat(7), { minLength: 1, maxLength: 3 }),
        }),
      },
    );
    return fc.record({ pool: fc.constant(pool), steps: fc.array(step, { minLength: 2, maxLength: 14 }) });
  });

export type Request = { tenant: string; dashboard: string; panel: string; view: ViewInput };

/** A request spec made concrete against the world at `anchor` (absolute ranges are fixed from there on). */
export function concrete(world: OracleWorld, spec: RequestSpec, anchor: number): Request {
  const dashboards = listDashboards();
  const d = dashboards[spec.dashboard % dashboards.length]!;
  const panel = d.panels[spec.panel % d.panels.length]!;
  const dims = d.dimensions.map((x) => x.id);
  const range =
    'last' in spec.range
      ? spec.range
      : (() => {
          const grid = Math.floor(anchor / 60_000) * 60_000;
          const end = grid - spec.range.endBackMin * 60_000 + spec.range.offGrainSec * 1000;
          const start = end - spec.range.spanMin * 60_000 - (spec.range.offGrainSec ? 7_000 : 0);
          return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
        })();
  let filters: ViewInput['filters'] = [];
  if (spec.filter) {
    const dim = dims[spec.filter.dim % dims.length]!;
    const known = world.values(d.datasource as DatasourceId, dim);
    const values = spec.filter.values.map((i) => known[i % Math.max(1, known.length)] ?? 'none').map((v) => (spec.filter!.op === 'contains' ? v.slice(0, 3) : v));
    filters = [{ dim, op: spec.filter.op, values }];
  }
  const split = spec.split === 'panel' ? undefined : spec.split === 'none' ? null : dims[spec.split % dims.length];
  const view: ViewInput = { range, tz: spec.tz, grain: spec.grain, compare: spec.compare, filters, limit: spec.limit, ...(split === undefined ? {} : { split }) };
  return { tenant: world.tenants[spec.tenant % world.tenants.length]!, dashboard: d.id, panel: panel.id, view };
}

/** What a request's answer must be, computed with no cache and no incremental path. */
type Reference =
  | {
      ok: true;
      interval: Interval;
      dataUntil: number;
      rows: Row[];
      compare: { rows: Row[]; interval: Interval } | null;
      trend: Row[] | null;
      measures: Measure[];
      /** The exact quantile values of the data this answer saw, where the world has them. */
      exact: PlanExactValues;
    }
  | { ok: false; code: string };

const LOCAL_DAYS: Record<string, number> = { P1D: 1, P7D: 7, P30D: 30, P90D: 90 };

/**
 * The interval a request asks for, restated from the contract (DESIGN.md "View state"):
 * a preset ends at the tenant's data rounded up to the grain and reaches back its length
 * (days as local days) rounded down to the grain; an absolute range is itself.
 */
export function expectedInterval(view: View, dataUntil: number): { interval: Interval; grain: Grain } {
  if ('last' in view.range) {
    const grain = view.grain === 'auto' ? autoGrain(DURATION_MS[view.range.last]) : view.grain;
    const end = ceilToGrain(dataUntil, grain, view.tz);
    const days = LOCAL_DAYS[view.range.last];
    const back = days ? addLocalDays(end, -days, view.tz) : end - DURATION_MS[view.range.last];
    return { interval: { start: floorToGrain(back, grain, view.tz), end }, grain };
  }
  const interval = { start: Date.parse(view.range.start), end: Date.parse(view.range.end) };
  return { interval, grain: view.grain === 'auto' ? autoGrain(interval.end - interval.start) : view.grain };
}

/** A request's plan as the service makes it (up to the tenant's newest event on the world's reference engine), or null when refused. */
export async function planRequest(world: OracleWorld, req: Request): Promise<PanelPlan | null> {
  const dashboard = findDashboard(req.dashboard)!;
  const panel = dashboard.panels.find((p) => p.id === req.panel)!;
  const until = await (world.reference ?? world.engine).dataUntilByTenant(dashboard.datasource as DatasourceId, world.freshnessWindow(world.clock.now));
  try {
    return planPanel({ dashboard, panel, view: ViewSchema.parse(req.view), tenant: req.tenant, dataUntil: until.get(req.tenant) ?? world.clock.now });
  } catch {
    return null;
  }
}

/** Every engine query a plan runs: phase one (top values), the main query, compare, trend and the expected band's weeks. */
export function planSpecs(plan: PanelPlan): QuerySpec[] {
  return [plan.top, plan.main, plan.compare, plan.trend, ...(plan.expected ?? [])].filter((s) => s !== null);
}

async function reference(world: OracleWorld, d: Dashboard, panel: Panel, req: Request): Promise<Reference> {
  const view = ViewSchema.parse(req.view);
  const engine = world.reference ?? world.engine;
  const tenants = await engine.dataUntilByTenant(d.datasource as DatasourceId, world.freshnessWindow(world.clock.now));
  const dataUntil = tenants.get(req.tenant) ?? world.clock.now;
  const expected = expectedInterval(view, dataUntil);
  const allowed = bucketCount(expected.interval.end - expected.interval.start, expected.grain) <= MAX_BUCKETS;
  let plan;
  try {
    plan = planPanel({ dashboard: d, panel, view, tenant: req.tenant, dataUntil });
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'internal';
    if (allowed) throw new Error(`the contract allows this request but it was refused (${code}: ${(err as Error).message})`, { cause: err });
    return { ok: false, code };
  }
  if (!allowed) throw new Error(`a request over ${MAX_BUCKETS} buckets was planned instead of refused`);
  if (plan.interval.start !== expected.interval.start || plan.interval.end !== expected.interval.end) {
    throw new Error(`planned ${iso(plan.interval)} for a request of ${iso(expected.interval)}`);
  }
  // A query id of its own each time: Druid refuses an id it still holds for an earlier query.
  const opts = { timeoutMs: 60_000, queryId: `oracle-${randomUUID()}`, tz: view.tz };
  const result = await runPlan(engine, plan, opts);
  return {
    ok: true,
    interval: plan.interval,
    dataUntil,
    rows: result.rows,
    compare: result.compareRows && plan.compareInterval ? { rows: result.compareRows, interval: plan.compareInterval } : null,
    trend: result.trendRows,
    // The answer's columns name the query's measures (a percentile panel's p50, p95, p99).
    measures: plan.main.measures,
    exact: (await world.exact?.(plan, opts)) ?? {},
  };
}

type Answer = Awaited<ReturnType<typeof answerPanel>>['response'];
type Outcome = { ok: true; answer: Answer } | { ok: false; code: string };

/** Runs one scenario; returns the first broken rule, with the steps up to it, or null. */
export async function runScenario(world: OracleWorld, makeService: ServiceFactory, scenario: Scenario): Promise<string | null> {
  const instances = makeService();
  const anchor = world.clock.now;
  const requests = scenario.pool.map((spec) => concrete(world, spec, anchor));
  /** Answers computed uncached, by view and data version, for judging hits and stale answers. */
  const history = new Map<string, Map<number, Reference>>();
  /** When each data version began (clock time), in order. */
  const versions: { at: number; version: number }[] = [{ at: -Infinity, version: 0 }];
  const trail: string[] = [];
  const versionAt = (t: number) => versions.findLast((v) => v.at <= t)!.version;

  for (const step of scenario.steps) {
    if ('tickMs' in step) {
      if (!world.append) continue;
      const tickMs = Math.min(step.tickMs, world.maxTickMs ?? Infinity);
      world.clock.now += tickMs;
      const tenants = step.tenants.map((i) => world.tenants[i % world.tenants.length]!);
      await world.append([...new Set(tenants)], world.clock.now);
      versions.push({ at: world.clock.now, version: versions.length });
      trail.push(`tick +${tickMs} ms for ${[...new Set(tenants)].join(', ')}`);
      continue;
    }
    const req = requests[step.ask]!;
    const d = findDashboard(req.dashboard)!;
    const panel = d.panels.find((p) => p.id === req.panel)!;
    trail.push(`ask ×${step.copies} ${JSON.stringify(req)}`);
    // An engine's own words are for tests only: they name what the engine refused.
    const ref = await reference(world, d, panel, req).catch((err: Error & { detail?: string }) => ({ broken: `${err.message}${err.detail ? `: ${err.detail}` : ''}` }));
    if ('broken' in ref) return report(trail, ref.broken);
    const canon = canonical(req);
    const seen = history.get(canon) ?? new Map<number, Reference>();
    seen.set(versionAt(world.clock.now), ref);
    history.set(canon, seen);
    const outcomes = await Promise.all(
      Array.from({ length: step.copies }, (_, copy): Promise<Outcome> =>
        answerPanel(instances[copy % instances.length]!, { tenant: req.tenant, locked: [], dashboard: req.dashboard, panel: req.panel, view: ViewSchema.parse(req.view) }).then(
          (a) => ({ ok: true, answer: a.response }),
          (err: { code?: string }) => ({ ok: false, code: err.code ?? String(err) }),
        ),
      ),
    );
    await Promise.all(instances.map((i) => i.settled()));
    for (const outcome of outcomes) {
      const problem = check(ref, outcome, (ageMs) => seen.get(versionAt(world.clock.now - ageMs)));
      if (problem) return report(trail, problem);
    }
  }
  return null;
}

function check(ref: Reference, got: Outcome, then: (ageMs: number) => Reference | undefined): string | null {
  if (!ref.ok || !got.ok) {
    const want = ref.ok ? 'an answer' : `error ${ref.code}`;
    const have = got.ok ? 'an answer' : `error ${got.code}`;
    return want === have ? null : `expected ${want}, got ${have}`;
  }
  const { meta } = got.answer;
  const asked = iso(ref.interval);
  if (meta.cache === 'miss' && meta.ageMs !== 0) return `a miss with age ${meta.ageMs} ms`;
  if (meta.cache !== 'stale' && iso(meta.interval) !== asked) return `a ${meta.cache} for ${asked} answered ${iso(meta.interval)}`;
  const source = meta.cache === 'miss' ? ref : then(meta.ageMs);
  if (!source?.ok) return `a ${meta.cache} aged ${meta.ageMs} ms matches no answer this view had at that time`;
  const problem = sameAnswer(source, got.answer);
  if (problem) return `${meta.cache} (age ${meta.ageMs} ms) differs from the uncached answer of its time: ${problem}`;
  // Past the live TTL a hit must be an answer that cannot have changed since.
  if (meta.cache === 'hit' && meta.ageMs >= TTL_LIVE_MS) {
    const now = sameAnswer(ref, got.answer, false);
    if (now) return `a hit aged ${meta.ageMs} ms is out of date: ${now}`;
  }
  return null;
}

/** `sameData`: the data the answer says it saw must be the reference's too (not for a closed range judged today). */
function sameAnswer(want: Extract<Reference, { ok: true }>, got: Answer, sameData = true): string | null {
  if (iso(got.meta.interval) !== iso(want.interval)) return `interval ${iso(got.meta.interval)} vs ${iso(want.interval)}`;
  if (sameData && got.meta.dataUntil !== new Date(want.dataUntil).toISOString()) return `dataUntil ${got.meta.dataUntil} vs ${new Date(want.dataUntil).toISOString()}`;
  const measures = { measures: want.measures };
  const rows = rowsAgree(measures, got.columns, got.rows, want.rows, want.exact.main);
  if (rows) return `rows: ${rows}`;
  if (!want.compare !== !got.compare) return `compare ${got.compare ? 'present' : 'missing'}`;
  if (want.compare && got.compare) {
    if (iso(got.compare.interval) !== iso(want.compare.interval)) return `compare interval ${iso(got.compare.interval)} vs ${iso(want.compare.interval)}`;
    const cmp = rowsAgree(measures, got.columns, got.compare.rows, want.compare.rows, want.exact.compare);
    if (cmp) return `compare rows: ${cmp}`;
  }
  if (!want.trend !== !got.trend) return `trend ${got.trend ? 'present' : 'missing'}`;
  if (want.trend && got.trend) {
    const trend = rowsAgree(measures, got.trend.columns, got.trend.rows, want.trend, want.exact.trend);
    if (trend) return `trend rows: ${trend}`;
  }
  return null;
}

/** The same view in any spelling: filters and their values in a fixed order, `auto` as the grain it stands for. */
function canonical(req: Request): string {
  const view = ViewSchema.parse(req.view);
  const filters = view.filters.map((f) => JSON.stringify([f.dim, f.op, [...f.values].sort()])).sort();
  // The grain `auto` picks depends on the range only, not on where the data ends.
  const grain = expectedInterval(view, 0).grain;
  return JSON.stringify([req.tenant, req.dashboard, req.panel, { ...view, grain, filters }]);
}

function iso(i: { start: number | string; end: number | string }): string {
  return `${new Date(i.start).toISOString()}/${new Date(i.end).toISOString()}`;
}

function report(trail: string[], problem: string): string {
  return `${problem}\n  after:\n    ${trail.join('\n    ')}`;
}
