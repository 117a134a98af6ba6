import { expect, test } from '@playwright/test';
import { encodeView } from '@/lib/view/codec';
import { ViewSchema } from '@/lib/view/schema';
import { DURATION_MS } from '@/lib/view/time';
import { DASHBOARDS, signIn } from '../helpers';
import { ANCHOR, VIEW_TZ } from './settings';

test.beforeEach(async ({ context }) => signIn(context, 'demo@acme.test'));

for (const d of DASHBOARDS) {
  test(d.id, async ({ page }) => {
    // The dashboard's default view, its span pinned to end where the sample data ends.
    const { range, ...rest } = d.defaultView;
    const start = new Date(Date.parse(ANCHOR) - DURATION_MS[range.last]).toISOString();
    const view = ViewSchema.parse({ ...rest, range: { start, end: ANCHOR }, tz: VIEW_TZ });
    const settled = async () => {
      // Every panel answered (at 390 px the view settings sit in a closed sheet, so panels are the sign).
      await expect(page.locator('[data-panel]')).toHaveCount(d.panels.length);
      await expect(page.locator('[data-panel]:not([data-state="ready"])')).toHaveCount(0);
      // Every canvas (a sparkline's) has its latest option painted (components/charts/echart.tsx).
      await expect(page.locator('.chart-canvas:not([data-drawn="true"])')).toHaveCount(0);
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    };
    // The server draws a chart only when its answer comes within the first view's budget
    // (app/first-view.ts); a cold server under load misses it for some, and the browser draws
    // those itself, differently. The first visit fills the answer cache, so on the second every
    // chart is the server's picture, as a returning customer sees it.
    await page.goto(`/d/${d.id}?${encodeView(view)}`);
    await settled();
    await page.reload();
    await settled();
    await expect(page.locator('.chart-frame:not(:has([data-ssr-chart]))'), 'every chart drawn by the server').toHaveCount(0);
    // Everything but the footers' age ("Updated 4 s ago", sized by screenshot.css) is drawn from the frozen data.
    await expect(page).toHaveScreenshot(`${d.id}.png`, { fullPage: true, mask: [page.locator('[data-updated]')] });
  });
}
