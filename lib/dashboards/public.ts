import type { Dashboard } from './schema';

/** A dashboard as the browser sees it: its measures' labels and formats, not how they aggregate. */
export function publicDashboard({ version: _version, ...d }: Dashboard) {
  return {
    ...d,
    measures: d.measures.map(({ aggregate: _aggregate, ...m }) => m),
  };
}

export type PublicDashboard = ReturnType<typeof publicDashboard>;
export type PublicMeasure = PublicDashboard['measures'][number];
