import { expect, test } from '@playwright/test';
import { DASHBOARDS, openDashboard, paintedPixels, panel, seriousViolations, signIn } from './helpers';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.beforeEach(async ({ page }) => page.emulateMedia({ colorScheme }));

    test('sign-in page has no serious accessibility violations', async ({ page }) => {
      await page.goto('/login');
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `e2e/artifacts/login-${colorScheme}.png` });
    });

    test('dashboards have no serious accessibility violations; screenshots', async ({ page, context }) => {
      test.setTimeout(120_000);
      await signIn(context, 'demo@acme.test');
      await page.goto('/');
      expect(await seriousViolations(page)).toEqual([]);
      for (const d of DASHBOARDS) {
        await openDashboard(page, d.id);
        for (const p of d.panels.filter((x) => x.type === 'timeseries' || x.type === 'topn' || x.type === 'percentiles' || x.type === 'sparkline')) {
          await expect.poll(() => paintedPixels(panel(page, p.id))).toBeGreaterThan(2_000);
        }
        expect(await seriousViolations(page), d.id).toEqual([]);
        await page.screenshot({ path: `e2e/artifacts/${d.id}-${colorScheme}.png`, fullPage: true });
      }
      // Controls open over the page are part of the page too.
      await page.getByRole('button', { name: '+ Add filter' }).click();
      await expect(page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option').first()).toBeVisible();
      expect(await seriousViolations(page), 'filter editor').toEqual([]);
    });
  });
}
