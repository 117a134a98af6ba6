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

type Labelled = Pick<Dashboard, 'dimensions'> & { measures: readonly { id: string; label: string }[] };

/** A column's heading: the measure or dimension label from the dashboard config, "Time" for buckets. */
export function columnLabel(dashboard: Labelled, name: string): string {
  if (name === 't') return 'Time';
  return dashboard.measures.find((m) => m.id === name)?.label ?? dashboard.dimensions.find((d) => d.id === name)?.label ?? name;
}

/** The columns of a panel's answer as every export (CSV in the browser, XLSX on the server) heads and types them. */
export function exportColumns<T extends string>(dashboard: Labelled, columns: readonly { name: string; type: T }[]): { label: string; type: T }[] {
  return columns.map((c) => ({ label: columnLabel(dashboard, c.name), type: c.type }));
}
