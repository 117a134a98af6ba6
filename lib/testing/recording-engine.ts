import type { Engine } from '@/lib/engines/engine';
import type { CompiledQuery } from '@/lib/sql/query';

/** The engine itself, pushing every query it is asked onto `sent` (what a path asked, to check or to profile). */
export function recordingEngine(engine: Engine, sent: CompiledQuery[]): Engine {
  return {
    name: engine.name,
    dialect: engine.dialect,
    tiered: engine.tiered,
    dataUntilByTenant: (d, w) => engine.dataUntilByTenant(d, w),
    close: async () => {},
    query: (q, o) => (sent.push(q), engine.query(q, o)),
  };
}
