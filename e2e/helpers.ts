import { createRequire } from 'node:module';
import { expect, type BrowserContext, type Download, type Locator, type Page } from '@playwright/test';
import { loadDeclarations } from '@/lib/dashboards/config-files';

export const DASHBOARDS = loadDeclarations('config').dashboards;

/** Signs a browser context in through the API; the context's pages share its cookie. */
export async function signIn(context: BrowserContext, email: string): Promise<void> {
  const res = await context.request.post('/api/session', { data: { email, password: 'demo' } });
  expect(res.status(), `sign in as ${email}`).toBe(200);
}

export function panel(page: Page, id: string): Locator {
  return page.locator(`[data-panel="${id}"]`);
}

/** Picks a format from a panel's Export menu and waits for the file it downloads. */
export async function exportPanel(page: Page, of: Locator, item: 'CSV' | 'Excel' | 'PNG image'): Promise<Download> {
  await of.getByRole('button', { name: /^Export / }).click();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), of.getByRole('menuitem', { name: item }).click()]);
  return download;
}

/**
 * Waits until the browser has taken the page over and no panel is loading any more: hydrated
 * (the view settings exist only in the browser: a region on a desktop, a button opening a sheet on
 * a phone), the view settled (the address rewritten to the whole view, `v=1`; a bare link waits
 * for the user's saved views first, and the view it settles on may differ from the server's, so
 * its panels are drawn again). The server's HTML alone is not enough: a click on it before
 * hydration does nothing, and a chart drawn for the server's view is replaced.
 */
export async function panelsSettled(page: Page): Promise<void> {
  await expect(page.getByRole('region', { name: 'View settings' }).or(page.getByRole('button', { name: /View settings$/ })).first()).toBeVisible();
  await expect.poll(() => searchParams(page).get('v'), { message: 'the address shows the whole view' }).toBe('1');
  await expect(page.locator('[data-panel][data-state="loading"]')).toHaveCount(0);
  await expect(page.locator('[data-panel]').first()).toBeVisible();
}

/**
 * Event streams blocked, as behind a proxy that does not pass them: the live panels fall back to
 * polling POST /api/query every 10 s, which the tests of refreshes watch.
 */
export async function withoutStream(page: Page): Promise<void> {
  await page.route('**/api/stream?**', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<html>blocked</html>' }));
}

export async function openDashboard(page: Page, id: string, query = ''): Promise<void> {
  await page.goto(`/d/${id}${query ? `?${query}` : ''}`);
  await panelsSettled(page);
}

/**
 * A chart panel as the interactive ECharts canvas: the page draws the server's SVG first and
 * brings the canvas when the pointer reaches the chart (components/charts/chart.tsx).
 */
export async function interactive(chart: Locator): Promise<Locator> {
  // A KPI's sparkline has no server picture: its small canvas is drawn at once.
  const frame = chart.locator('.chart-frame');
  if ((await frame.count()) > 0) await frame.first().hover();
  const canvas = chart.locator('canvas').first();
  await expect(canvas).toBeVisible();
  return canvas;
}

/** Pixels ECharts has painted on a panel's canvas (0 for a blank canvas). */
export async function paintedPixels(chart: Locator): Promise<number> {
  const canvas = await interactive(chart);
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted;
  });
}

export function searchParams(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Serious and critical axe-core violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations: Violation[] = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
