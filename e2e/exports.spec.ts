import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { readWorkbook } from '@/lib/testing/workbook';
import { exportPanel, openDashboard, panel, panelsSettled, seriousViolations, signIn } from './helpers';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });
/** Page objects of a PDF (Chromium writes them uncompressed: `/Type /Page`, not `/Pages`). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.beforeEach(async ({ context }) => signIn(context, 'demo@acme.test'));

test('a panel downloads as Excel: the CSV’s columns, one row per row, numbers as numbers', async ({ page }) => {
  await openDashboard(page, 'topics-clients', 'v=1&r=P1D&tz=UTC');
  const pairs = panel(page, 'pairs');
  const rows = Number(await pairs.getAttribute('data-rows'));
  const download = await exportPanel(page, pairs, 'Excel');
  expect(download.suggestedFilename()).toMatch(/^topics-clients-pairs-\d{4}-\d\d-\d\dT\d{4}\.xlsx$/);
  const sheet = (await readWorkbook(await readFile((await download.path())!))).worksheets[0]!;
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['Topic', 'Client', 'Messages in', 'Bytes in', 'Max consumer lag', 'Errors']);
  expect(sheet.rowCount - 1).toBe(rows);
  expect(String(sheet.getCell('A2').value)).toMatch(/^acme\.[a-z]+$/);
  expect(typeof sheet.getCell('C2').value).toBe('number');
});

test('a panel downloads as a PNG picture at twice its size, and the dashboard as a PDF', async ({ page }) => {
  await openDashboard(page, 'cluster-overview', 'v=1&r=PT6H&tz=UTC');
  const throughput = panel(page, 'throughput');
  const picture = await exportPanel(page, throughput, 'PNG image');
  expect(picture.suggestedFilename()).toMatch(/^cluster-overview-throughput-\d{4}-\d\d-\d\dT\d{4}\.png$/);
  const png = await readFile((await picture.path())!);
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  const { width, height } = pngSize(png);
  // One panel across the render page (1280 px wide, minus its padding), at device scale 2.
  expect(width).toBeGreaterThan(2 * 1000);
  expect(width).toBeLessThanOrEqual(2 * 1280);
  expect(height).toBeGreaterThan(2 * 300);
  expect(height).toBeLessThan(2 * 600);

  const button = page.getByRole('button', { name: 'Download Cluster overview as PDF' });
  const [pdfDownload] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    (async () => {
      await button.click();
      // While the server draws it, the button says so and cannot be pressed twice.
      await expect(page.getByRole('button', { name: 'Preparing PDF of Cluster overview' })).toBeDisabled();
    })(),
  ]);
  expect(pdfDownload.suggestedFilename()).toMatch(/^cluster-overview-\d{4}-\d\d-\d\dT\d{4}\.pdf$/);
  const pdf = await readFile((await pdfDownload.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdfPages(pdf)).toBeGreaterThanOrEqual(1);
  await expect(button).toBeEnabled();
});

test('POST /api/export renders with the real browser: PNG and PDF files, errors as JSON', async ({ page }) => {
  const view = { range: { last: 'PT1H' }, tz: 'Europe/Berlin' };
  const png = await page.request.post('/api/export', { data: { format: 'png', dashboard: 'api-traffic', panel: 'kpis', view } });
  expect(png.status()).toBe(200);
  expect(png.headers()['content-type']).toBe('image/png');
  const picture = await png.body();
  expect(picture.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(pngSize(picture).width).toBeGreaterThan(2 * 1000);
  const pdf = await page.request.post('/api/export', { data: { format: 'pdf', dashboard: 'api-traffic', view } });
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-disposition']).toMatch(/^attachment; filename="api-traffic-\d{4}-\d\d-\d\dT\d{4}\.pdf"$/);
  const file = await pdf.body();
  expect(file.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdfPages(file)).toBeGreaterThanOrEqual(1);
  const bad = await page.request.post('/api/export', { data: { format: 'pdf', dashboard: 'api-traffic', panel: 'kpis', view } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatchObject({ code: 'invalid_input', path: 'panel' });
});

test('the Export menu works by keyboard and is axe clean in both themes', async ({ page }) => {
  await openDashboard(page, 'api-traffic', 'v=1&r=PT6H&tz=UTC');
  const button = panel(page, 'kpis').getByRole('button', { name: 'Export At a glance' });
  await button.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Export At a glance' });
  await expect(menu).toBeVisible();
  const item = (name: string) => menu.getByRole('menuitem', { name });
  await expect(item('CSV')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(item('Excel')).toBeFocused();
  await page.keyboard.press('End');
  await expect(item('PNG image')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(item('CSV')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(item('PNG image')).toBeFocused();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), colorScheme).toEqual([]);
  }
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();
  // Enter on an item downloads it and closes the menu.
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  await expect(menu).toBeHidden();
});

test('on a phone the Export menu and the PDF button stay within the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/d/cluster-overview?r=PT6H&tz=UTC');
  await panelsSettled(page);
  await panel(page, 'kpis').getByRole('button', { name: 'Export At a glance' }).click();
  const menu = page.getByRole('menu', { name: 'Export At a glance' });
  await expect(menu).toBeVisible();
  const box = (await menu.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await overflow(page)).toBe(0);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /View settings$/ }).click();
  await expect(page.getByRole('button', { name: 'Download Cluster overview as PDF' })).toBeVisible();
  expect(await overflow(page)).toBe(0);
});

test('the render page (what PDFs, PNGs and scheduled reports draw) states the filters and the comparison under its title', async ({ page }) => {
  await page.goto('/render/cluster-overview?v=1&r=P1D&tz=UTC&cmp=previous&in.cluster=acme-prod-eu');
  await expect(page.locator('[data-render-root="settled"]')).toBeVisible();
  const facts = page.locator('header p');
  await expect(facts).toContainText('Cluster is acme-prod-eu');
  await expect(facts).toContainText('Compared vs previous period');
  await expect(facts).toContainText('Zone UTC');
});
