import { expect, test, type Page } from '@playwright/test';
import { openDashboard, panel, panelsSettled, seriousViolations, signIn } from './helpers';

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.beforeEach(async ({ context }) => signIn(context, 'demo@acme.test'));

test('show the rows: a panel’s stored rows, paged, keyboard usable and axe clean in both themes', async ({ page }) => {
  await openDashboard(page, 'api-traffic', 'r=P1D&tz=UTC');
  const open = panel(page, 'kpis').getByRole('button', { name: 'Show the rows behind At a glance' });
  await open.click();
  const dialog = page.getByRole('dialog', { name: 'Rows of At a glance: the whole view' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('columnheader', { name: 'Endpoint' })).toBeVisible();
  await expect(dialog.getByRole('columnheader', { name: 'Events' })).toBeVisible();
  const pages = dialog.getByRole('navigation', { name: 'Pages of rows' });
  await expect(pages.getByText(/^Rows 1–50 of 1,000\+$/)).toBeVisible();
  await expect(dialog.getByRole('row')).toHaveCount(51);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), colorScheme).toEqual([]);
  }
  await pages.getByRole('button', { name: 'Next' }).click();
  await expect(pages.getByText(/^Rows 51–100 of 1,000\+$/)).toBeVisible();
  await pages.getByRole('button', { name: 'Previous' }).press('Enter');
  await expect(pages.getByText(/^Rows 1–50 of/)).toBeVisible();
  // Escape closes it and gives focus back to the button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
});

test('a table row’s Rows button lists only that row’s values', async ({ page }) => {
  await openDashboard(page, 'api-traffic', 'r=PT6H&tz=UTC');
  const button = panel(page, 'endpoints').getByRole('button', { name: /^Show the rows for Endpoint / }).first();
  const name = (await button.getAttribute('aria-label'))!;
  const [, endpoint, method] = /^Show the rows for Endpoint (.+), Method (.+)$/.exec(name)!;
  await button.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Rows of Endpoints: Endpoint ${endpoint}, Method ${method}` });
  await expect(dialog.getByRole('navigation', { name: 'Pages of rows' })).toBeVisible();
  const cells = async (column: number) => dialog.locator(`tbody tr td:nth-child(${column})`).allTextContents();
  expect(new Set(await cells(2))).toEqual(new Set([endpoint]));
  expect(new Set(await cells(3))).toEqual(new Set([method]));
  // The row's own click (a drill down) was not taken as well.
  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/in\.endpoint/);
});

test('on a phone the rows dialog is a sheet within the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/d/cluster-overview?r=PT6H&tz=UTC');
  await panelsSettled(page);
  await expect.poll(() => overflow(page)).toBe(0);
  await panel(page, 'kpis').getByRole('button', { name: /^Show the rows behind / }).click();
  const dialog = page.getByRole('dialog', { name: /^Rows of / });
  await expect(dialog.getByRole('navigation', { name: 'Pages of rows' })).toBeVisible();
  expect(await overflow(page)).toBe(0);
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
});
