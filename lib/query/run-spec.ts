import 'server-only';
import type { Engine, QueryOptions, Row } from '@/lib/engines/engine';
import { metrics } from '@/lib/server/metrics';
import { compile } from './compile';
import type { QuerySpec } from './spec';

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
