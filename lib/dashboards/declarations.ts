/**
 * The config directory's files, checked as one: every datasource and dashboard declaration
 * parsed (YAML or JSON), validated by the schema of its kind and against each other. Problems
 * come back as messages naming the file, the path inside it and what is wrong; nothing half
 * valid is ever served.
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DatasourceSchema, type Datasource } from './datasource-schema';
import { resolveMeasures, type Issue } from './measure';
import { DashboardSchema, type Dashboard, type DashboardDecl } from './schema';

export const KINDS = ['datasource', 'dashboard'] as const;
export type Kind = (typeof KINDS)[number];

export type ConfigFile = { path: string; text: string };

export type Declarations = {
  /** Changes whenever any declaration does: part of every answer's cache key. */
  version: string;
  datasources: ReadonlyMap<string, Datasource>;
  /** In file name order, as the app lists them. */
  dashboards: Dashboard[];
  /** The dashboards as declared (measures unresolved): what a tenant duplicates to start its own. */
  documents: ReadonlyMap<string, DashboardDecl>;
};

export type Checked = { ok: true; declarations: Declarations } | { ok: false; problems: string[] };

const Head = z.looseObject({ kind: z.enum(KINDS) });

export function checkDeclarations(files: ConfigFile[]): Checked {
  const problems: string[] = [];
  const at = (file: string, path: PropertyKey[], message: string) => problems.push(`${file}: ${path.length ? `${formatPath(path)}: ` : ''}${message}`);
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  const datasources = new Map<string, { file: string; ds: Datasource }>();
  const declared: { file: string; d: z.output<typeof DashboardSchema> }[] = [];
  const dashboardFiles = new Map<string, string>();
  /** Datasources whose own file is refused: their dashboards are not checked against them. */
  const broken = new Set<string>();

  for (const { path: file, text } of sorted) {
    let doc: unknown;
    try {
      doc = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    } catch (err) {
      at(file, [], `cannot be parsed: ${(err as Error).message.split('\n')[0]}`);
      continue;
    }
    const head = Head.safeParse(doc);
    if (!head.success) {
      at(file, ['kind'], 'must be datasource or dashboard');
      continue;
    }
    const { kind, $schema: _schema, ...body } = head.data;
    const parsed = (kind === 'datasource' ? DatasourceSchema : DashboardSchema).safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) at(file, issue.path, issue.message);
      if (kind === 'datasource' && typeof body.id === 'string') broken.add(body.id);
      continue;
    }
    if (kind === 'datasource') {
      const ds = parsed.data as Datasource;
      const before = datasources.get(ds.id);
      if (before) at(file, ['id'], `duplicate datasource ${ds.id} (also declared in ${before.file})`);
      else datasources.set(ds.id, { file, ds });
    } else {
      const d = parsed.data as z.output<typeof DashboardSchema>;
      const before = dashboardFiles.get(d.id);
      if (before) at(file, ['id'], `duplicate dashboard ${d.id} (also declared in ${before})`);
      else {
        dashboardFiles.set(d.id, file);
        declared.push({ file, d });
      }
    }
  }

  const dashboards: Dashboard[] = [];
  for (const { file, d } of declared) {
    const ds = datasources.get(d.datasource)?.ds;
    if (!ds) {
      if (!broken.has(d.datasource)) at(file, ['datasource'], `unknown datasource ${d.datasource}`);
      continue;
    }
    const { dashboard, issues } = resolveDashboard(d, ds);
    for (const x of issues) at(file, x.path, x.message);
    dashboards.push(dashboard);
  }
  if (problems.length) return { ok: false, problems };
  const byId = new Map([...datasources].map(([id, { ds }]) => [id, ds]));
  const documents = new Map(declared.map(({ d }) => [d.id, d]));
  return { ok: true, declarations: { version: digest(sorted), datasources: byId, dashboards, documents } };
}

/**
 * A dashboard declaration checked against its datasource (dimensions it has, measures it can
 * answer), as configured files and tenants' own dashboards both are; problems by path.
 */
export function resolveDashboard(d: DashboardDecl, ds: Datasource): { dashboard: Dashboard; issues: Issue[] } {
  const issues: Issue[] = [];
  const columns = new Set(ds.dimensions.map((x) => x.name));
  d.dimensions.forEach((dim, j) => {
    if (!columns.has(dim.id)) issues.push({ path: ['dimensions', j, 'id'], message: `datasource ${ds.id} has no dimension ${dim.id}` });
  });
  const resolved = resolveMeasures(d.measures, ds);
  for (const x of resolved.issues) issues.push({ path: ['measures', ...x.path], message: x.message });
  return { dashboard: { ...d, measures: resolved.measures, version: digest([d, ds]) }, issues };
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 12);
}

/** `panels[2].measure`, as a reader finds it in the file. */
export function formatPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}
