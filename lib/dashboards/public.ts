import type { Dashboard } from './schema';

/** A dashboard as the browser sees it: everything but the SQL of its measures. */
export function publicDashboard(d: Dashboard) {
  return {
    ...d,
    measures: d.measures.map(({ sql: _sql, ...m }) => m),
  };
}

export type PublicDashboard = ReturnType<typeof publicDashboard>;
export type PublicMeasure = PublicDashboard['measures'][number];
