import 'server-only';
import type { Auth } from '@/lib/auth/auth';
import { assertDashboard, type Principal } from '@/lib/auth/principal';
import { EXPORT_CONTENT_TYPES, exportFileName, type ExportRequest } from '@/lib/contract/export';
import { columnLabel, exportColumns } from '@/lib/dashboards/public';
import type { Dashboard } from '@/lib/dashboards/schema';
import { planPanel } from '@/lib/query/plan';
import { renderJob, type Renderer } from '@/lib/render/renderer';
import { buildXlsx } from '@/lib/render/xlsx';
import { answerPanel, dashboardFor, panelInView, type Answering } from '@/lib/service/service';
import { isRelative, type Filter, type View } from '@/lib/view/schema';

export type Exporting = Answering & { renderer: Pick<Renderer, 'render'>; auth: Pick<Auth, 'renderToken'> };

/**
 * POST /api/export: the file, named like the CSV. XLSX is built here from the panel's answer (the
 * same answer /api/query gives this principal); PNG and PDF are the app's own /render pages drawn
 * by the server's Chromium under a one-minute render token bound to this principal's tenant, this
 * dashboard and its locked filters (lib/auth/render-token.ts). The request is checked as /api/query
 * checks it (dashboard, panel, locked filters, view limits) before any browser work starts.
 */
export async function exportFile(rt: Exporting, principal: Principal, req: ExportRequest, signal?: AbortSignal): Promise<Response> {
  assertDashboard(principal, req.dashboard);
  const { tenant, locked } = principal;
  const panelId = req.format === 'pdf' ? undefined : req.panel;
  const resolved = await checkDrawable(rt, { tenant, locked, dashboard: req.dashboard, panel: panelId, view: req.view });
  const { dashboard } = resolved[0]!;

  let file: Buffer;
  if (req.format === 'xlsx') {
    const { panel } = resolved[0]!;
    const { response } = await answerPanel(rt, { tenant, locked, dashboard: req.dashboard, panel: req.panel, view: req.view, signal });
    file = await buildXlsx({
      title: panel.title,
      columns: exportColumns(dashboard, response.columns),
      rows: response.rows,
      tz: req.view.tz,
      about: about(dashboard, panel.title, req.view, locked, response.meta),
    });
  } else {
    const bearer = await rt.auth.renderToken({ tenant, subject: subjectOf(principal), dashboard: req.dashboard, locked });
    file = await rt.renderer.render(renderJob({ format: req.format, dashboard: req.dashboard, panel: panelId, view: req.view, bearer, signal }));
  }
  const name = exportFileName(req.dashboard, panelId, Date.now(), req.format);
  return new Response(new Uint8Array(file), {
    headers: {
      'content-type': EXPORT_CONTENT_TYPES[req.format],
      'content-disposition': `attachment; filename="${name}"`,
      'content-length': String(file.length),
      'cache-control': 'no-store',
    },
  });
}

/**
 * Every panel a render draws (the dashboard's, or the one named), checked as /api/query checks it:
 * a view the dashboard refuses is a 400 before any browser work, not a page of errors.
 */
export async function checkDrawable(rt: Pick<Answering, 'tenantDashboards' | 'freshness'>, req: { tenant: string; locked: readonly Filter[]; dashboard: string; panel?: string; view: View }) {
  const ids = req.panel === undefined ? (await dashboardFor(rt, req.tenant, req.dashboard)).panels.map((p) => p.id) : [req.panel];
  const resolved = await Promise.all(ids.map((panel) => panelInView(rt, { ...req, panel })));
  for (const r of resolved) planPanel({ ...r, tenant: req.tenant });
  return resolved;
}

/** Who the render is for, on its log lines: the user's email, or the embed token's subject. */
function subjectOf(principal: Principal): string {
  return principal.kind === 'session' ? principal.user.email : `embed:${principal.subject}`;
}

const OPS: Record<Filter['op'], string> = { in: 'is', not_in: 'is not', contains: 'contains' };

/** The "About" sheet: what the numbers are, so a forwarded file still says it. */
function about(dashboard: Dashboard, panel: string, view: View, locked: readonly Filter[], meta: { interval: { start: string; end: string }; dataUntil: string | null; grain: string }): [string, string][] {
  const filters = [...locked, ...view.filters].map((f) => `${columnLabel(dashboard, f.dim)} ${OPS[f.op]} ${f.values.join(', ')}`);
  const range = isRelative(view.range) ? `last ${view.range.last}` : `${view.range.start} to ${view.range.end}`;
  return [
    ['Dashboard', dashboard.title],
    ['Panel', panel],
    ['Range', range],
    ['Interval', `${meta.interval.start} to ${meta.interval.end} (UTC)`],
    ['Zone', view.tz],
    ['Grain', meta.grain],
    ['Filters', filters.length ? filters.join('; ') : 'none'],
    ['Data until', meta.dataUntil ?? 'no data yet'],
    ['Exported at', new Date().toISOString()],
  ];
}
