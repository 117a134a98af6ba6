import { measureKind } from './measure-kind';
import type { Dashboard } from './schema';

/**
 * A dashboard as the browser sees it: its measures' labels, formats and kinds (counter, gauge,
 * …: how to draw them), not how they aggregate.
 */
export function publicDashboard({ version: _version, ...d }: Dashboard) {
  return {
    ...d,
    measures: d.measures.map(({ aggregate, ...m }) => ({ ...m, kind: measureKind(aggregate) })),
  };
}

export type PublicDashboard = ReturnType<typeof publicDashboard>;
export type PublicMeasure = PublicDashboard['measures'][number];
