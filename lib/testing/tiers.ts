import type { Engine } from '@/lib/engines/engine';

/** The same engine with its tiers out of the planner's reach: every query reads the ingest grain. */
export function untiered(engine: Engine): Engine {
  return {
    name: engine.name,
    dialect: engine.dialect,
    tiered: false,
    query: (q, opts) => engine.query(q, opts),
    dataUntilByTenant: (ds, window) => engine.dataUntilByTenant(ds, window),
    close: async () => {},
  };
}
