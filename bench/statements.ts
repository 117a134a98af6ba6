// The SQL a cold answer ran, recorded at the engine boundary and grouped into the phases the
// service ran them in, so a baseline can run exactly those statements on the engine directly.
import type { Engine } from '@/lib/engines/engine';
import type { CompiledQuery } from '@/lib/sql/query';

export type Statement = { query: CompiledQuery; started: number; ended: number };

/** An engine that records every query it answers (in start order) and passes it on. */
export function recording(engine: Engine): { engine: Engine; take: () => Statement[] } {
  let log: Statement[] = [];
  const wrapped: Engine = {
    name: engine.name,
    dialect: engine.dialect,
    tiered: engine.tiered,
    dataUntilByTenant: (ds, window) => engine.dataUntilByTenant(ds, window),
    close: () => engine.close(),
    async query(query, opts) {
      const entry = { query, started: performance.now(), ended: Infinity };
      log.push(entry);
      try {
        return await engine.query(query, opts);
      } finally {
        entry.ended = performance.now();
      }
    },
  };
  return { engine: wrapped, take: () => [log, (log = [])][0]! };
}

/**
 * Statements grouped by what ran together: a statement that started after an earlier one ended
 * waited for it (a top-N's values before the series), so it opens a new phase.
 */
export function phases(statements: Statement[]): CompiledQuery[][] {
  const out: Statement[][] = [];
  for (const s of [...statements].sort((a, b) => a.started - b.started)) {
    const current = out.at(-1);
    if (current && current.every((c) => s.started < c.ended)) current.push(s);
    else out.push([s]);
  }
  return out.map((group) => group.map((s) => s.query));
}
