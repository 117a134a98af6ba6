import 'server-only';
import { ConfigError, configDir, configStamp, loadDeclarations } from './config-files';
import type { Datasource } from './datasource-schema';
import type { Declarations } from './declarations';
import type { Dashboard, DashboardDecl, Panel } from './schema';

/**
 * The declarations being served: loaded from PULSE_CONFIG_DIR on first use, replaced as a
 * whole by a valid edit (watchConfig), never by a broken one.
 */
const g = globalThis as { __pulseDeclarations?: { dir: string; stamp: string; declarations: Declarations } };

/** Serves the declarations of another directory from now on (tests, tools); throws ConfigError when it is invalid. */
export function serveConfigDir(dir: string): Declarations {
  const stamp = configStamp(dir);
  g.__pulseDeclarations = { dir, stamp, declarations: loadDeclarations(dir) };
  return g.__pulseDeclarations.declarations;
}

export function declarations(): Declarations {
  return g.__pulseDeclarations?.declarations ?? serveConfigDir(configDir());
}

/**
 * Re-reads the config directory when its files changed since the last look. A valid change is
 * served from now on; a broken one is refused (returned) and the last good config keeps serving.
 */
export function reloadDeclarations(): { changed: boolean; refused?: ConfigError } {
  declarations();
  const current = g.__pulseDeclarations!;
  const stamp = configStamp(current.dir);
  if (stamp === current.stamp) return { changed: false };
  current.stamp = stamp;
  try {
    const next = loadDeclarations(current.dir);
    const changed = next.version !== current.declarations.version;
    current.declarations = next;
    return { changed };
  } catch (err) {
    if (err instanceof ConfigError) return { changed: false, refused: err };
    throw err;
  }
}

/**
 * Polls the config files' names, sizes and mtimes (fs.watch misses edits made by renaming a new
 * file into place, as editors and `cp` on some systems do, and is not recursive on every
 * platform). A file caught half written is refused and picked up again once complete.
 */
export function watchDeclarations(opts: { intervalMs: number; log: (line: string) => void }): () => void {
  const timer = setInterval(() => {
    const started = performance.now();
    const { changed, refused } = reloadDeclarations();
    const ms = Math.round(performance.now() - started);
    if (refused) opts.log(`[config] edit refused, the last good config keeps serving: ${refused.message}`);
    else if (changed) opts.log(`[config] reloaded ${describeDeclarations(declarations())} from ${configDir()} in ${ms} ms`);
  }, opts.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export function describeDeclarations(d: Declarations): string {
  return `${d.datasources.size} datasources, ${d.dashboards.length} dashboards (version ${d.version})`;
}

export function listDashboards(): Dashboard[] {
  return declarations().dashboards;
}

export function findDashboard(id: string): Dashboard | undefined {
  return declarations().dashboards.find((d) => d.id === id);
}

export function findDatasource(id: string): Datasource | undefined {
  return declarations().datasources.get(id);
}

export function listDatasources(): Datasource[] {
  return [...declarations().datasources.values()];
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

/** A configured dashboard as declared (what a tenant duplicates to start its own). */
export function dashboardDocument(id: string): DashboardDecl | undefined {
  return declarations().documents.get(id);
}

export function dashboardDocuments(): DashboardDecl[] {
  return [...declarations().documents.values()];
}
