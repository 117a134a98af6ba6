/**
 * Dashboards a tenant builds itself: the same document and the same checks as a configured
 * dashboard (lib/dashboards/schema.ts, declarations.ts), so they can name only their datasource's
 * dimensions and the measures it can answer, never SQL.
 */
import { invalid, invalidFromIssues } from '@/lib/errors/app-error';
import type { Datasource } from './datasource-schema';
import { resolveDashboard } from './declarations';
import type { MeasureDecl } from './measure';
import { DashboardSchema, type Dashboard, type DashboardDecl, type Dimension } from './schema';

/** Validates a document under the id the server gave it; a problem is a 400 naming its path. */
export function checkTenantDashboard(doc: Record<string, unknown>, id: string, datasources: ReadonlyMap<string, Datasource>): { decl: DashboardDecl; dashboard: Dashboard } {
  const parsed = DashboardSchema.safeParse({ ...doc, id });
  if (!parsed.success) throw invalidFromIssues(parsed.error.issues);
  const ds = datasources.get(parsed.data.datasource);
  if (!ds) throw invalid(`unknown datasource ${parsed.data.datasource}`, 'datasource');
  const { dashboard, issues } = resolveDashboard(parsed.data, ds);
  if (issues.length) throw invalid(issues[0]!.message, issues[0]!.path.join('.'));
  return { decl: parsed.data, dashboard };
}

/** A stored document as served; undefined when it no longer fits the config (its datasource changed or went). */
export function servedTenantDashboard(definition: unknown, datasources: ReadonlyMap<string, Datasource>): Dashboard | undefined {
  const parsed = DashboardSchema.safeParse(definition);
  const ds = parsed.success ? datasources.get(parsed.data.datasource) : undefined;
  if (!parsed.success || !ds) return undefined;
  const { dashboard, issues } = resolveDashboard(parsed.data, ds);
  return issues.length ? undefined : dashboard;
}

/** What a builder may put on a dashboard over one datasource: its dimensions and measures. */
export type Catalog = { datasource: string; dimensions: Dimension[]; measures: MeasureDecl[]; maxSpanDays: number };

/**
 * The datasource's dimensions and measures, with the labels and formats the configured
 * dashboards over it give them (first declaration wins), and a count of events besides.
 */
export function datasourceCatalog(ds: Datasource, documents: readonly DashboardDecl[]): Catalog {
  const over = documents.filter((d) => d.datasource === ds.id);
  const labels = new Map(over.flatMap((d) => d.dimensions.map((x) => [x.id, x.label] as const)).reverse());
  const measures = new Map<string, MeasureDecl>([['events', { id: 'events', label: 'Events', format: 'count', type: 'count' }]]);
  for (const m of over.flatMap((d) => d.measures)) if (!measures.has(m.id)) measures.set(m.id, m);
  return {
    datasource: ds.id,
    dimensions: ds.dimensions.map((x) => ({ id: x.name, label: labels.get(x.name) ?? x.name })),
    // A ratio keeps its parts, so every measure listed resolves.
    measures: [...measures.values()],
    maxSpanDays: over[0]?.maxSpanDays ?? 30,
  };
}
