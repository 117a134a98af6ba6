import { expect, test, type Page } from '@playwright/test';
import { DASHBOARDS, panelsSettled, seriousViolations, signIn } from './helpers';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
test.beforeEach(async ({ context }) => signIn(context, 'demo@acme.test'));

/** Page width beyond the viewport: 0 means no horizontal scroll. */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('at 390 px no page scrolls sideways: the dashboard list and every dashboard, both schemes', async ({ page }) => {
  test.setTimeout(120_000);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    expect(await overflow(page), `home, ${colorScheme}`).toBe(0);
    for (const d of DASHBOARDS) {
      await page.goto(`/d/${d.id}`);
      await panelsSettled(page);
      expect(await overflow(page), `${d.id}, ${colorScheme}`).toBe(0);
    }
  }
});

test('panels stack in one column at 390 px', async ({ page }) => {
  await page.goto('/d/cluster-overview');
  await panelsSettled(page);
  const boxes = await page.locator('[data-panel]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, w: r.width })));
  expect(new Set(boxes.map((b) => Math.round(b.x))).size).toBe(1);
  for (const b of boxes) expect(b.w).toBeLessThanOrEqual(390);
});

test('the view settings open in an accessible sheet: focus stays inside, Escape closes and returns focus', async ({ page }) => {
  await page.goto('/d/cluster-overview');
  await panelsSettled(page);
  const opener = page.getByRole('button', { name: /View settings$/ });
  await expect(opener).toContainText('Last 24 hours · no filters');
  await opener.click();
  const sheet = page.getByRole('dialog', { name: 'View settings' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('region', { name: 'View settings' })).toBeVisible();
  expect(await overflow(page)).toBe(0);
  expect(await seriousViolations(page), 'sheet open').toEqual([]);
  // Tabbing round never leaves the dialog for the page behind it.
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(() => {
      const el = document.activeElement;
      return !el || el === document.body || Boolean(el.closest('dialog'));
    });
    expect(inside, `focus after ${i + 1} tabs`).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(opener).toBeFocused();

  // A setting changed in the sheet applies to the page.
  await opener.click();
  await sheet.getByRole('button', { name: /^Time range:/ }).click();
  await page.getByRole('button', { name: 'Last 6 hours' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('r')).toBe('PT6H');
  await sheet.getByRole('button', { name: 'Done' }).click();
  await expect(opener).toContainText('Last 6 hours');
});

test('a tap on a chart shows its tooltip, the first one too', async ({ page }) => {
  await page.goto('/d/cluster-overview');
  await panelsSettled(page);
  // The first tap lands on the server's drawing; the canvas that replaces it opens the tooltip there.
  const chart = page.locator('[data-panel="throughput"] .chart-frame');
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  await page.touchscreen.tap(box.x + box.width * 0.6, box.y + box.height * 0.5);
  // ECharts puts its tooltip beside the canvas, inside the chart's element.
  await expect(page.locator('[data-panel="throughput"] .chart-canvas > div').filter({ hasText: /\d\d:\d\d/ })).toBeVisible();
});

test('Schedule at the end of the view settings opens within the screen, and the reports page reads as cards without sideways scroll', async ({ page }) => {
  await page.goto('/d/cluster-overview');
  await panelsSettled(page);
  await page.getByRole('button', { name: /View settings$/ }).click();
  await page.getByRole('button', { name: 'Schedule Cluster overview as a report' }).click();
  const form = page.getByRole('form', { name: 'Schedule a report' });
  const box = (await form.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(844);
  const name = `Phone report ${Date.now()}`;
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByRole('button', { name: 'Schedule' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Scheduled “${name}”` })).toBeVisible();

  await page.goto('/reports');
  const card = page.getByRole('row').filter({ hasText: name });
  // Every line of the card shows, the recipients too (admin tables hide their third column on phones).
  for (const cell of ['Daily at 08:00 (Europe/Berlin)', 'E-mail to demo@acme.test', 'Not sent yet']) await expect(card.getByRole('cell', { name: cell })).toBeVisible();
  expect(await overflow(page)).toBe(0);
  page.once('dialog', (d) => void d.accept());
  await card.getByRole('button', { name: `Delete ${name}` }).click();
  await expect(page.getByRole('status')).toHaveText(`“${name}” deleted.`);
});
