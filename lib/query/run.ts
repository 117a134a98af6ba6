import 'server-only';
import type { Engine, QueryOptions, Row } from '@/lib/engines/engine';
import { metrics } from '@/lib/server/metrics';
import { compile } from './compile';
import type { PanelPlan } from './plan';
import type { QuerySpec } from './spec';

export type PlanResult = { rows: Row[]; compareRows: Row[] | null; queryMs: number };

/** Runs one spec, counting and timing it. */
export async function runSpec(engine: Engine, spec: QuerySpec, opts: QueryOptions): Promise<Row[]> {
  const started = performance.now();
  try {
    const rows = await engine.query(compile(spec, engine.dialect), { ...opts, tz: spec.tz });
    metrics().engineQueries.inc({ engine: engine.name, outcome: 'ok' });
    return rows;
  } catch (err) {
    metrics().engineQueries.inc({ engine: engine.name, outcome: 'error' });
    throw err;
  } finally {
    metrics().engineSeconds.observe({ engine: engine.name }, (performance.now() - started) / 1000);
  }
}

/** Phase one (top-N split values) first when the plan has it; then main and compare together. */
export async function runPlan(engine: Engine, plan: PanelPlan, opts: QueryOptions): Promise<PlanResult> {
  const started = performance.now();
  let { main, compare } = plan;
  if (plan.top) {
    const keepValues = (await runSpec(engine, plan.top, opts)).map((r) => r[0]).filter((v): v is string => typeof v === 'string');
    if (keepValues.length === 0) return { rows: [], compareRows: compare ? [] : null, queryMs: performance.now() - started };
    main = { ...main, keepValues };
    compare = compare && { ...compare, keepValues };
  }
  const [rows, compareRows] = await Promise.all([
    runSpec(engine, main, opts),
    compare ? runSpec(engine, compare, { ...opts, queryId: `${opts.queryId}-cmp` }) : Promise.resolve(null),
  ]);
  return { rows, compareRows, queryMs: performance.now() - started };
}
