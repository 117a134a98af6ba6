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
    await page.goto(`/d/${d.id}?${encodeView(view)}`);
    // Every panel answered (at 390 px the view settings sit in a closed sheet, so panels are the sign).
    await expect(page.locator('[data-panel]')).toHaveCount(d.panels.length);
    await expect(page.locator('[data-panel]:not([data-state="ready"])')).toHaveCount(0);
    // Every chart loaded (no placeholder left) and its latest option painted (components/charts/echart.tsx).
    await expect(page.locator('.chart-canvas:not([data-drawn="true"])')).toHaveCount(0);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    // Everything but the footers' age ("Updated 4 s ago", sized by screenshot.css) is drawn from the frozen data.
    await expect(page).toHaveScreenshot(`${d.id}.png`, { fullPage: true, mask: [page.locator('[data-updated]')] });
  });
}
