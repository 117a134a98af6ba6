import 'server-only';
import { dehydrate, QueryClient, type DehydratedState } from '@tanstack/react-query';
import { BarChart, LineChart } from 'echarts/charts';
import { BrushComponent, GridComponent, LegendScrollComponent, TooltipComponent } from 'echarts/components';
import { init, use as install } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { PanelFirstPaint } from '@/components/dashboard/first-paint';
import { sessionPrincipal } from '@/lib/auth/principal';
import type { User } from '@/lib/auth/users';
import type { QueryResponse } from '@/lib/contract/schemas';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { getRuntime } from '@/lib/runtime/runtime';
import { answerPanel } from '@/lib/service/service';
import { CSS_VAR_THEME, type ChartOption } from '@/lib/ui/chart-options';
import { isChartPanel, panelOption } from '@/lib/ui/panel-chart';
import { expectedAsk, expectedByDefault } from '@/lib/ui/expected-range';
import { panelQuery } from '@/lib/ui/queries';
import { withoutInlineStyles } from '@/lib/ui/svg-style';
import { recoverView } from '@/lib/ui/view-recovery';

install([LineChart, BarChart, GridComponent, TooltipComponent, LegendScrollComponent, BrushComponent, SVGRenderer]);

/** The dashboard as the server draws it first: its view, the answers it had in time, and their charts as SVG. */
export type FirstView = { canonical: string; state: DehydratedState; paints: Record<string, PanelFirstPaint> };

/**
 * How long the page waits for answers before it streams without them. A cached answer takes a
 * few milliseconds; a panel that misses the budget shows its skeleton and the browser asks for it
 * (joining the computation this request started, which fills the cache either way).
 */
const ANSWER_BUDGET_MS = 400;

/** The chart body's size (panel.module.css: 300 px tall less padding) at 1440 px, and on a phone. */
const CHART_HEIGHT = 280;
const DESKTOP_COLUMN = 341;
const GAP = 12;
const CHART_INSET = 26;
const PHONE_WIDTH = 346;

function chartWidth(span: number, phone: boolean): number {
  return phone ? PHONE_WIDTH : span * DESKTOP_COLUMN + (span - 1) * GAP - CHART_INSET;
}

/**
 * An ECharts option as an SVG string, drawn in the page's CSS colours (so both schemes fit), with no
 * inline style (CSP). Hidden from assistive technology: its wrapper is the chart's one image, named.
 */
export function renderSvg(option: ChartOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return withoutInlineStyles(chart.renderToSVGString()).replace(/^<svg\b/, '<svg aria-hidden="true"');
  } finally {
    chart.dispose();
  }
}

async function within<T>(ms: number, work: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([work.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The first view of a dashboard for a signed-in user, answered through the same service as
 * POST /api/query with the user's own tenant. The zone is the URL's, else the one the browser
 * reported last time (a cookie), else UTC; if the browser's differs, it asks for its own view.
 */
export async function firstView(
  user: User,
  dashboard: PublicDashboard,
  search: URLSearchParams,
  opts: { tz: string; phone: boolean },
): Promise<FirstView> {
  const { view, canonical } = recoverView(search, dashboard, opts.tz);
  const rt = await getRuntime();
  const principal = sessionPrincipal(user);
  const answers = await Promise.all(
    dashboard.panels.map(async (panel) => {
      const answered = await within(ANSWER_BUDGET_MS, answerPanel(rt, { tenant: principal.tenant, locked: principal.locked, dashboard: dashboard.id, panel: panel.id, view }));
      return { panel, data: answered?.response ?? null };
    }),
  );
  const client = new QueryClient();
  const at = Date.now();
  const paints: Record<string, PanelFirstPaint> = {};
  for (const { panel, data } of answers) {
    if (!data) continue;
    // Answered as the panel's default asks: the band on where the dashboard says so (expected-range.ts).
    client.setQueryData(panelQuery(dashboard.id, panel.id, view, true, expectedAsk(panel, view, expectedByDefault(panel))).queryKey, data as QueryResponse, { updatedAt: at });
    if (isChartPanel(panel) && data.rows.length > 0) {
      paints[panel.id] = { svg: renderSvg(panelOption(dashboard, panel, data, view, CSS_VAR_THEME), chartWidth(panel.span, opts.phone), CHART_HEIGHT), at };
    }
  }
  return { canonical, state: dehydrate(client), paints };
}
