import { expect, test } from '@playwright/test';
import { DASHBOARDS, openDashboard, paintedPixels, panel, signIn } from './helpers';

test.beforeEach(async ({ context }) => {
  await signIn(context, 'demo@acme.test');
  // Sums layout shifts as the page loads: skeletons must hold the space panels end up taking.
  await context.addInitScript(() => {
    const w = window as unknown as { layoutShift: number };
    w.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.layoutShift += (e as unknown as { value: number }).value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
});

for (const dashboard of DASHBOARDS) {
  test(`${dashboard.title}: every panel shows data`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await openDashboard(page, dashboard.id);
    await expect(page.getByRole('heading', { level: 1, name: dashboard.title })).toBeVisible();
    for (const p of dashboard.panels) {
      const box = panel(page, p.id);
      await expect(box, `${p.id} has data`).toHaveAttribute('data-state', 'ready');
      await expect(box.getByRole('heading', { name: p.title })).toBeVisible();
      await expect(box.locator('[data-updated]')).toHaveText(/^Updated (just now|\d+ s ago)$/);
      await expect(box.locator('[data-freshness]')).toHaveText(/^· data until \d\d:\d\d:\d\d\s[AP]M$/);
      await expect(box.locator('footer')).not.toContainText(/cache|\d ms\b/);
      if (p.type === 'kpi') {
        for (const m of p.measures) await expect(box.locator(`[data-kpi="${m}"] dd`).first()).toHaveText(/\d/);
      } else if (p.type === 'table') {
        expect(await box.locator('tbody tr').count()).toBeGreaterThan(0);
      } else if (p.type === 'heatmap') {
        // A day of data covers every hour once: each of them is a shaded cell with its value.
        expect(await box.locator('td[data-shade]').count()).toBeGreaterThanOrEqual(24);
        await expect(box.getByRole('row').nth(1).getByRole('rowheader')).toHaveText('Mon');
      } else {
        if (p.type === 'sparkline') await expect(box.locator(`[data-kpi="${p.measure}"] dd`).first()).toHaveText(/\d/);
        await expect.poll(() => paintedPixels(box), { message: `${p.id} canvas is drawn` }).toBeGreaterThan(2_000);
      }
    }
    expect(await page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift), 'cumulative layout shift').toBeLessThan(0.01);
    expect(errors, 'browser console errors').toEqual([]);
  });
}
