import { expect, test, type Page } from '@playwright/test';
import type { QueryResponse } from '@/lib/contract/schemas';
import { interactive, openDashboard, paintedPixels, panel, panelsSettled, searchParams, signIn, withoutStream } from './helpers';

test.beforeEach(async ({ context }) => signIn(context, 'demo@acme.test'));

/** The view a panel's next /api/query request asks for. */
async function nextQueryView(page: Page, panelId: string, act: () => Promise<unknown>) {
  const request = page.waitForRequest((r) => r.url().endsWith('/api/query') && r.postDataJSON()?.panel === panelId);
  await act();
  return (await request).postDataJSON().view;
}

test('range, compare and filters live in the URL, drive the queries and step back and forth', async ({ page }) => {
  await openDashboard(page, 'cluster-overview');
  // A bare link gets the dashboard defaults and the browser's time zone written into it (once the
  // user's saved views are known: a default view of theirs would take the place of the defaults).
  await expect(page).toHaveURL(/\?v=1&r=P1D&tz=Europe%2FBerlin$/);
  const throughput = panel(page, 'throughput');
  const before = await (await interactive(throughput)).evaluate((c: HTMLCanvasElement) => c.toDataURL());

  let view = await nextQueryView(page, 'throughput', async () => {
    await page.getByRole('button', { name: /^Time range:/ }).click();
    await page.getByRole('button', { name: 'Last 6 hours' }).click();
  });
  expect(view.range).toEqual({ last: 'PT6H' });
  expect(searchParams(page).get('r')).toBe('PT6H');
  await panelsSettled(page);
  await expect.poll(() => throughput.locator('canvas').first().evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(before);

  view = await nextQueryView(page, 'kpis', () => page.getByLabel('Compare', { exact: true }).selectOption('P1D'));
  expect(view.compare).toBe('P1D');
  expect(searchParams(page).get('cmp')).toBe('P1D');
  await expect(panel(page, 'kpis').locator('[data-kpi="bytes_in"]')).toContainText('vs day before');

  // Typeahead over the tenant's values, chosen with the keyboard.
  await page.getByRole('button', { name: '+ Add filter' }).click();
  await page.getByLabel('Dimension', { exact: true }).selectOption('cluster');
  await page.getByRole('combobox', { name: /^(Values|Text to look for)/ }).fill('prod-u');
  await expect(page.getByRole('option', { name: /acme-prod-us/ })).toBeVisible();
  await page.getByRole('combobox', { name: /^(Values|Text to look for)/ }).press('ArrowDown');
  await page.getByRole('combobox', { name: /^(Values|Text to look for)/ }).press('Enter');
  view = await nextQueryView(page, 'kpis', () => page.getByRole('button', { name: 'Apply filter' }).click());
  expect(view.filters).toEqual([{ dim: 'cluster', op: 'in', values: ['acme-prod-us'] }]);
  expect(searchParams(page).getAll('in.cluster')).toEqual(['acme-prod-us']);
  await expect(page.getByRole('button', { name: 'Remove filter: Cluster is acme-prod-us' })).toBeVisible();
  await panelsSettled(page);
  await expect(panel(page, 'throughput').getByRole('img')).toHaveAttribute('aria-label', /1 series \(acme-prod-us\)/);

  // A contains filter, typed free-hand.
  await page.getByRole('button', { name: '+ Add filter' }).click();
  await page.getByLabel('Dimension', { exact: true }).selectOption('topic');
  await page.getByLabel('Match', { exact: true }).selectOption('contains');
  await page.getByRole('combobox', { name: /^(Values|Text to look for)/ }).fill('order');
  await page.getByRole('button', { name: 'Apply filter' }).click();
  await expect.poll(() => searchParams(page).getAll('contains.topic')).toEqual(['order']);

  await page.goBack();
  await expect.poll(() => searchParams(page).has('contains.topic')).toBe(false);
  await expect(page.getByRole('button', { name: /Remove filter: Topic contains/ })).toHaveCount(0);
  await page.goBack();
  await expect.poll(() => searchParams(page).has('in.cluster')).toBe(false);
  await page.goForward();
  await expect.poll(() => searchParams(page).getAll('in.cluster')).toEqual(['acme-prod-us']);

  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page).toHaveURL(/\?v=1&r=P1D&tz=Europe%2FBerlin$/);
  await expect(page.getByRole('button', { name: 'Clear all' })).toBeDisabled();
});

test('an absolute range is typed in the view time zone and pins the view', async ({ page }) => {
  await openDashboard(page, 'building-sensors', 'v=1&r=P1D&tz=America%2FNew_York');
  await page.getByRole('button', { name: /^Time range:/ }).click();
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('From', { exact: true }).fill(`${today}T01:00`);
  await page.getByLabel('To', { exact: true }).fill(`${today}T03:30`);
  await page.getByRole('button', { name: 'Apply range' }).click();
  const offsetHours = 5; // New York is UTC−5 in November.
  await expect.poll(() => searchParams(page).get('from')).toBe(`${today}T0${1 + offsetHours}:00:00.000Z`);
  expect(searchParams(page).get('to')).toBe(`${today}T0${3 + offsetHours}:30:00.000Z`);
  await expect(page.getByRole('button', { name: 'Pinned range' })).toBeDisabled();
});

test('clicking a top-N bar drills down into that value', async ({ page }) => {
  await openDashboard(page, 'cluster-overview', 'v=1&r=PT6H&tz=UTC');
  const topics = panel(page, 'top_topics');
  const answer: QueryResponse = await (
    await page.request.post('/api/query', { data: { dashboard: 'cluster-overview', panel: 'top_topics', view: { range: { last: 'PT6H' }, tz: 'UTC' } } })
  ).json();
  const biggest = String(answer.rows[0]![0]);
  await expect.poll(() => paintedPixels(topics)).toBeGreaterThan(2_000);
  const box = (await topics.locator('canvas').first().boundingBox())!;
  // Bars are laid out top to bottom, biggest first: aim at the middle of the first band.
  const band = (box.height - 8) / answer.rows.length;
  await page.mouse.click(box.x + box.width * 0.45, box.y + 4 + band / 2);
  await expect.poll(() => searchParams(page).getAll('in.topic')).toEqual([biggest]);
  await panelsSettled(page);
  await expect(topics).toHaveAttribute('data-rows', '1');
});

test('the table view of a chart drills down from the keyboard', async ({ page }) => {
  await openDashboard(page, 'security-logins', 'v=1&r=P1D&tz=UTC');
  const countries = panel(page, 'top_countries');
  await countries.getByRole('button', { name: 'Table' }).click();
  const first = countries.getByRole('button', { name: /^Filter to Country / }).first();
  const country = (await first.textContent())!.trim();
  await first.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => searchParams(page).getAll('in.country')).toEqual([country]);
});

test('brushing a time series zooms into an absolute range', async ({ page }) => {
  await openDashboard(page, 'cluster-overview', 'v=1&r=P1D&tz=UTC');
  const chart = panel(page, 'throughput');
  await expect.poll(() => paintedPixels(chart)).toBeGreaterThan(2_000);
  const box = (await chart.locator('canvas').first().boundingBox())!;
  const y = box.y + box.height * 0.4;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, y, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => searchParams(page).get('from')).not.toBeNull();
  const span = Date.parse(searchParams(page).get('to')!) - Date.parse(searchParams(page).get('from')!);
  expect(span).toBeGreaterThan(60 * 60_000);
  expect(span).toBeLessThan(12 * 3_600_000);
  expect(searchParams(page).has('r')).toBe(false);
  await panelsSettled(page);
});

test('sorting a table column puts the order in the URL', async ({ page }) => {
  await openDashboard(page, 'cluster-overview', 'v=1&r=P1D&tz=UTC');
  const brokers = panel(page, 'brokers');
  await brokers.getByRole('button', { name: /^Broker/ }).click();
  await expect.poll(() => searchParams(page).get('sort')).toBe('-broker');
  await panelsSettled(page);
  await brokers.getByRole('button', { name: /^Broker/ }).click();
  await expect.poll(() => searchParams(page).get('sort')).toBe('broker');
  // The previous (descending) rows stay on screen until the new answer lands, so wait for it.
  const cells = brokers.locator('tbody tr td:first-child');
  await expect
    .poll(async () => {
      const names = await cells.allTextContents();
      return names.length > 1 && names.join('|') === [...names].sort().join('|');
    })
    .toBe(true);
  await expect(brokers.getByRole('columnheader', { name: /Broker/ })).toHaveAttribute('aria-sort', 'ascending');
});

test('relative ranges refresh live until paused', async ({ page }) => {
  await withoutStream(page);
  await openDashboard(page, 'alerts', 'v=1&r=PT1H&tz=UTC');
  await page.waitForRequest((r) => r.url().endsWith('/api/query'), { timeout: 15_000 });
  await page.getByRole('button', { name: 'Live' }).click();
  await expect(page.getByRole('button', { name: 'Paused' })).toHaveAttribute('aria-pressed', 'false');
  let asked = false;
  page.on('request', (r) => (asked ||= r.url().endsWith('/api/query')));
  await page.waitForTimeout(11_000);
  expect(asked).toBe(false);
});
