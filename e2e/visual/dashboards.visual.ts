import { expect, test, type Page } from '@playwright/test';
import { encodeView } from '@/lib/view/codec';
import { ViewSchema } from '@/lib/view/schema';
import { DURATION_MS, type RelativeRange } from '@/lib/view/time';
import { DASHBOARDS, signIn } from '../helpers';
import { ANCHOR, VIEW_TZ } from './settings';

test.beforeEach(async ({ context }) => signIn(context, 'demo@acme.test'));

/** The view `defaultView` names, its span pinned to end where the sample data ends. */
function pinned(defaultView: { range: { last: RelativeRange } }) {
  const { range, ...rest } = defaultView;
  const start = new Date(Date.parse(ANCHOR) - DURATION_MS[range.last]).toISOString();
  return ViewSchema.parse({ ...rest, range: { start, end: ANCHOR }, tz: VIEW_TZ });
}

/**
 * Opens the dashboard at the view and shoots the whole page.
 * The server draws a chart only when its answer comes within the first view's budget
 * (app/first-view.ts); a cold server under load misses it for some, and the browser draws
 * those itself, differently. The first visit fills the answer cache, so on the second every
 * chart is the server's picture, as a returning customer sees it.
 */
async function shoot(page: Page, id: string, view: ReturnType<typeof pinned>, panels: number, name: string) {
  const settled = async () => {
    // Every panel answered (at 390 px the view settings sit in a closed sheet, so panels are the sign).
    await expect(page.locator('[data-panel]')).toHaveCount(panels);
    await expect(page.locator('[data-panel]:not([data-state="ready"])')).toHaveCount(0);
    // Every canvas (a sparkline's) has its latest option painted (components/charts/echart.tsx).
    await expect(page.locator('.chart-canvas:not([data-drawn="true"])')).toHaveCount(0);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  };
  await page.goto(`/d/${id}?${encodeView(view)}`);
  await settled();
  await page.reload();
  await settled();
  await expect(page.locator('.chart-frame:not(:has([data-ssr-chart]))'), 'every chart drawn by the server').toHaveCount(0);
  // Everything but the footers' age ("Updated 4 s ago", blanked by screenshot.css) is drawn from the frozen data.
  await expect(page).toHaveScreenshot(name, { fullPage: true });
}

for (const d of DASHBOARDS) {
  test(d.id, async ({ page }) => shoot(page, d.id, pinned(d.defaultView), d.panels.length, `${d.id}.png`));
}

/**
 * A dashboard a customer built for themselves (the document the builder saves), as the README
 * shows it: the desktop light shot is docs' picture, so the README's screenshot is compared too.
 */
const BUILT = {
  title: 'Checkout API health',
  description: 'Built by our on-call team: errors and latency of the checkout integration against our targets.',
  datasource: 'api_requests',
  dimensions: [
    { id: 'endpoint', label: 'Endpoint' },
    { id: 'region', label: 'Region' },
  ],
  measures: [
    { id: 'requests', label: 'Requests', format: 'count', type: 'count' },
    { id: 'error_rate', label: 'Server error rate', format: 'percent', higherIsBetter: false, type: 'ratio', numerator: 'server_errors', denominator: 'requests' },
    { id: 'server_errors', label: 'Server errors', format: 'count', higherIsBetter: false, type: 'count', filter: { dimension: 'status_class', in: ['5xx'] } },
    { id: 'latency_p95', label: 'p95 latency', format: 'ms', higherIsBetter: false, type: 'quantile', field: 'latency_ms', p: 0.95 },
  ],
  maxSpanDays: 30,
  defaultView: { range: { last: 'P1D' } },
  panels: [
    { id: 'errors', title: 'Server error rate against our 1% target', type: 'sparkline', measure: 'error_rate', target: 0.01, span: 2 },
    { id: 'p95', title: 'p95 latency against our 1.5 s target', type: 'sparkline', measure: 'latency_p95', target: 1500, span: 2 },
    { id: 'percentiles', title: 'Latency percentiles', type: 'percentiles', measure: 'latency_p95', span: 4 },
    { id: 'by_region', title: 'Requests by region', type: 'timeseries', measure: 'requests', split: 'region', span: 2 },
    { id: 'slowest', title: 'Slowest endpoints', type: 'topn', dimension: 'endpoint', measure: 'latency_p95', span: 2 },
  ],
} as const;

test('customer-built', async ({ page, context }) => {
  // Each project (width × scheme) makes its own copy, as they run at once, and removes it after.
  const created = await context.request.post('/api/dashboards', { data: BUILT });
  expect(created.status(), await created.text()).toBe(200);
  const { id } = await created.json();
  try {
    await shoot(page, id, pinned(BUILT.defaultView), BUILT.panels.length, 'customer-built.png');
  } finally {
    expect((await context.request.delete(`/api/dashboards/${id}`)).status()).toBe(200);
  }
});
