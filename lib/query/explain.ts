/**
 * "What changed": the plan that ranks each dimension's values by their contribution to a
 * measure's change between the compared period and now. Pure, like plan.ts, whose intervals it
 * takes (a KPI's), so the change explained is the change the KPI tile shows.
 */
import { invalid } from '@/lib/errors/app-error';
import type { DatasourceId } from '@/lib/dashboards/datasources';
import type { Measure, Operand } from '@/lib/dashboards/measure';
import type { Dashboard, Panel } from '@/lib/dashboards/schema';
import type { View } from '@/lib/view/schema';
import { planPanel } from './plan';
import type { Interval, QuerySpec } from './spec';

/** Values read per dimension and period: past this, the dimension's list says it is incomplete. */
export const EXPLAIN_VALUES = 1_000;

/** How the measure's change splits over values: a sum adds up; a ratio by numerator and denominator. */
export type Decomposition = 'sum' | 'ratio';

export type ExplainPlan = {
  measure: Measure;
  decomposition: Decomposition;
  /** The compare setting used: the view's, or the previous period when the view compares with nothing. */
  compare: Exclude<View['compare'], 'none'>;
  interval: Interval;
  compareInterval: Interval;
  /** The measure's parts (itself, or its numerator and denominator) over everything, then per dimension. */
  totals: { now: QuerySpec; before: QuerySpec };
  dimensions: { dimension: string; now: QuerySpec; before: QuerySpec }[];
};

/** The measures a panel shows, in order. */
export function panelMeasures(panel: Panel): string[] {
  return 'measures' in panel ? panel.measures : 'measure' in panel ? [panel.measure] : [];
}

const ADDITIVE: ReadonlySet<Operand['type']> = new Set(['count', 'sum']);

/** A change splits over values only for counts and sums, and ratios of them. */
function decompositionOf(m: Measure): { decomposition: Decomposition; parts: Measure[] } | null {
  const a = m.aggregate;
  const part = (id: string, aggregate: Operand): Measure => ({ id, label: id, format: m.format, approximate: false, aggregate });
  if (a.type === 'ratio') {
    return ADDITIVE.has(a.numerator.type) && ADDITIVE.has(a.denominator.type) ? { decomposition: 'ratio', parts: [part('numerator', a.numerator), part('denominator', a.denominator)] } : null;
  }
  return ADDITIVE.has(a.type) ? { decomposition: 'sum', parts: [part('value', a)] } : null;
}

export function planExplain(args: { dashboard: Dashboard; panel: Panel; measure?: string; view: View; tenant: string; dataUntil: number }): ExplainPlan {
  const { dashboard, panel, tenant, dataUntil } = args;
  const shown = panelMeasures(panel);
  const id = args.measure ?? shown[0];
  if (id === undefined) throw invalid(`${panel.title} shows no measure to explain`, 'panel');
  if (!shown.includes(id)) throw invalid(`${panel.title} does not show ${id}`, 'measure');
  const measure = dashboard.measures.find((m) => m.id === id)!;
  const split = decompositionOf(measure);
  if (!split) throw invalid(`${measure.label} is not a count, a sum or a ratio of them, so its change does not split over values`, 'measure');

  const compare = args.view.compare === 'none' ? 'previous' : args.view.compare;
  const view = { ...args.view, compare };
  // A KPI tile's plan: the same intervals (the compared stretch pro rata while the period fills up) and checks.
  const kpi = planPanel({ dashboard, panel: { id: panel.id, title: panel.title, span: 4, type: 'kpi', measures: [id] }, view, tenant, dataUntil });
  const compareInterval = kpi.compareInterval!;
  const spec = (interval: Interval, dimensions: string[]): QuerySpec => ({
    datasource: dashboard.datasource as DatasourceId,
    tenant,
    interval,
    tz: view.tz,
    filters: view.filters,
    dimensions,
    measures: split.parts,
    orderBy: dimensions.length ? [{ column: split.parts[0]!.id, dir: 'desc' }, { column: dimensions[0]!, dir: 'asc' }] : [],
    limit: dimensions.length ? EXPLAIN_VALUES : 1,
  });
  return {
    measure,
    decomposition: split.decomposition,
    compare,
    interval: kpi.interval,
    compareInterval,
    totals: { now: spec(kpi.interval, []), before: spec(compareInterval, []) },
    dimensions: dashboard.dimensions.map((d) => ({ dimension: d.id, now: spec(kpi.interval, [d.id]), before: spec(compareInterval, [d.id]) })),
  };
}
