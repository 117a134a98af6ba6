import 'server-only';
import { findDatasource } from '@/lib/dashboards/registry';
import { datasourceTiers, type Tier } from '@/lib/dashboards/tiers';
import type { Engine, QueryOptions } from '@/lib/engines/engine';
import { metrics } from '@/lib/metrics/registry';
import { compile } from '@/lib/query/compile';
import type { QuerySpec } from '@/lib/query/spec';
import type { Row } from '@/lib/sql/cells';

/** The rollup tiers the engine keeps for a datasource (none on an engine that keeps none). */
export function engineTiers(engine: Pick<Engine, 'tiered'>, datasource: string): readonly Tier[] {
  const ds = engine.tiered ? findDatasource(datasource) : undefined;
  return ds ? datasourceTiers(ds) : [];
}

/** Runs one spec, counting and timing it. */
export async function runSpec(engine: Engine, spec: QuerySpec, opts: QueryOptions): Promise<Row[]> {
  const started = performance.now();
  try {
    const rows = await engine.query(compile(spec, engine.dialect, engineTiers(engine, spec.datasource)), { ...opts, tz: spec.tz });
    metrics().engineQueries.inc({ engine: engine.name, outcome: 'ok' });
    return rows.map((row) => normalizeMeasures(row, row.length - spec.measures.length));
  } catch (err) {
    metrics().engineQueries.inc({ engine: engine.name, outcome: 'error' });
    throw err;
  } finally {
    metrics().engineSeconds.observe({ engine: engine.name }, (performance.now() - started) / 1000);
  }
}

/**
 * Measures are numbers or null. Druid writes NaN (a sketch over no rows) as the string "NaN",
 * which JSON cannot carry as a number; both engines answer null for "no value" after this.
 */
export function normalizeMeasures(row: Row, firstMeasure: number): Row {
  return row.map((cell, i) => (i < firstMeasure || typeof cell === 'number' || cell === null ? cell : toNumber(cell)));
}

function toNumber(cell: unknown): number | null {
  const n = typeof cell === 'string' ? Number(cell) : NaN;
  return Number.isFinite(n) ? n : null;
}
