import { z } from 'zod';
import { DashboardSchema, type Dashboard, type Panel } from './schema';
import { DATASOURCES, isDatasource } from './datasources';
import { SHIPPED_DASHBOARDS } from './shipped';

/**
 * Validates dashboard config once; a bad config throws one readable message that names
 * every problem, so start-up stops instead of failing on a customer's first query.
 */
export function loadDashboards(input: unknown): Dashboard[] {
  const parsed = z.array(DashboardSchema).safeParse(input);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
  const dashboards = parsed.success ? parsed.data : [];
  const seen = new Set<string>();
  dashboards.forEach((d, i) => {
    if (seen.has(d.id)) problems.push(`[${i}].id: duplicate dashboard ${d.id}`);
    seen.add(d.id);
    if (!isDatasource(d.datasource)) return problems.push(`[${i}].datasource: unknown datasource ${d.datasource}`);
    const columns: readonly string[] = DATASOURCES[d.datasource].dimensions;
    d.dimensions.forEach((dim, j) => {
      if (!columns.includes(dim.id)) problems.push(`[${i}].dimensions[${j}]: ${d.datasource} has no column ${dim.id}`);
    });
  });
  if (problems.length) throw new Error(`Invalid dashboard config:\n  ${problems.join('\n  ')}`);
  return dashboards;
}

function formatPath(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

const DASHBOARDS = loadDashboards(SHIPPED_DASHBOARDS);
const BY_ID = new Map(DASHBOARDS.map((d) => [d.id, d]));

export function listDashboards(): Dashboard[] {
  return DASHBOARDS;
}

export function findDashboard(id: string): Dashboard | undefined {
  return BY_ID.get(id);
}

export function findPanel(d: Dashboard, panelId: string): Panel | undefined {
  return d.panels.find((p) => p.id === panelId);
}

export function hasDimension(d: Dashboard, dim: string): boolean {
  return d.dimensions.some((x) => x.id === dim);
}

export function hasMeasure(d: Dashboard, m: string): boolean {
  return d.measures.some((x) => x.id === m);
}

