import 'server-only';
import { findDatasource } from '@/lib/dashboards/registry';
import { datasourceTiers, type Tier } from '@/lib/dashboards/tiers';
import type { Engine, QueryOptions } from '@/lib/engines/engine';
import { metrics } from '@/lib/metrics/registry';
import { compile } from '@/lib/query/compile';
import type { QuerySpec } from '@/lib/query/spec';
import { tierParts } from '@/lib/query/tiers';
import type { CompiledQuery } from '@/lib/sql/query';
import type { Row } from '@/lib/sql/cells';
import { runTierParts } from './tier-parts';

/** The rollup tiers the engine keeps for a datasource (none on an engine that keeps none). */
export function engineTiers(engine: Pick<Engine, 'tiered'>, datasource: string): readonly Tier[] {
  const ds = engine.tiered ? findDatasource(datasource) : undefined;
  return ds ? datasourceTiers(ds) : [];
}

/**
 * Runs one spec, counting and timing each engine query. The embedded engine reads a spec's tier
 * parts in one statement (the compiler's UNION ALL); Druid as one query per part, merged here.
 */
export async function runSpec(engine: Engine, spec: QuerySpec, opts: QueryOptions): Promise<Row[]> {
  const tiers = engineTiers(engine, spec.datasource);
  const parts = engine.dialect === 'druid' ? tierParts(spec, tiers, 'druid') : null;
  if (parts) {
    // Each part its own query id: an abort cancels every part on the broker.
    const merged = await runTierParts(spec, parts, (part, i) => runCompiled(engine, part, compile(part, 'druid'), { ...opts, queryId: `${opts.queryId}-part${i}` }), 'druid');
    if (merged) return merged;
  }
  return runCompiled(engine, spec, compile(spec, engine.dialect, tiers), opts);
}

async function runCompiled(engine: Engine, spec: QuerySpec, query: CompiledQuery, opts: QueryOptions): Promise<Row[]> {
  const started = performance.now();
  try {
    const rows = await engine.query(query, { ...opts, tz: spec.tz });
    metrics().engineQueries.inc({ engine: engine.name, outcome: 'ok' });
    // Value lists (partials of distinct counts and quantiles) are JSON text, not numbers.
    const lists = spec.measures.map((m) => m.aggregate.type !== 'ratio' && m.aggregate.values === true);
    return rows.map((row) => normalizeMeasures(row, row.length - spec.measures.length, lists));
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
 * `lists` marks measures that are value lists (JSON text), which stay as they are.
 */
export function normalizeMeasures(row: Row, firstMeasure: number, lists: boolean[] = []): Row {
  return row.map((cell, i) => (i < firstMeasure || typeof cell === 'number' || cell === null || lists[i - firstMeasure] ? cell : toNumber(cell)));
}

function toNumber(cell: unknown): number | null {
  const n = typeof cell === 'string' ? Number(cell) : NaN;
  return Number.isFinite(n) ? n : null;
}
