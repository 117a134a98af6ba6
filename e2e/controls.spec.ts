import { expect, test, type Page } from '@playwright/test';
import { openDashboard, panel, panelsSettled, searchParams, seriousViolations, signIn } from './helpers';

test.beforeEach(async ({ context }) => signIn(context, 'demo@acme.test'));

/** The next /api/query request of a panel, with its answer. */
async function nextQuery(page: Page, panelId: string, act: () => Promise<unknown>) {
  const response = page.waitForResponse((r) => r.url().endsWith('/api/query') && r.request().postDataJSON()?.panel === panelId);
  await act();
  const res = await response;
  return { view: res.request().postDataJSON().view, status: res.status(), body: await res.json() };
}

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the theme toggle switches light and dark, is remembered on the next visit and can go back to the system scheme', async ({ page, context }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const light = await background(page);
  await page.getByRole('button', { name: /^Account:/ }).click();
  await expect(page.getByRole('radio', { name: 'System' })).toBeChecked();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background(page)).not.toBe(light);
  expect(await seriousViolations(page), 'theme menu, dark').toEqual([]);

  // Remembered: the server renders the choice into the HTML itself, so nothing flashes before it applies.
  const html = await (await context.request.get('/d/cluster-overview')).text();
  expect(html).toMatch(/<html[^>]*data-theme="dark"/);
  await openDashboard(page, 'cluster-overview');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background(page)).not.toBe(light);

  await page.getByRole('button', { name: /^Account:/ }).click();
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await page.getByRole('radio', { name: 'System' }).press('Space');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme');
  expect(await background(page)).toBe(light);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background(page)).not.toBe(light);
  expect((await context.cookies()).some((c) => c.name === 'pulse-theme')).toBe(false);
});

test('the time-zone picker finds zones by name, old name and offset, shows offsets, and reads old names in links', async ({ page }) => {
  await openDashboard(page, 'cluster-overview');
  await page.getByRole('button', { name: /^Time zone: Europe\/Berlin UTC\+0[12]:00$/ }).click();
  const search = page.getByRole('combobox', { name: /^Search time zones/ });
  await expect(search).toBeFocused();
  await search.fill('calcutta');
  const zones = page.getByRole('listbox', { name: 'Time zones' }).getByRole('option');
  await expect(zones).toHaveCount(1);
  await expect(zones.first()).toHaveText(/Asia\/Kolkata\s*UTC\+05:30/);
  expect(await seriousViolations(page), 'zone picker open').toEqual([]);
  await search.fill('+5:45');
  await expect(zones.first()).toHaveText(/Asia\/Kathmandu\s*UTC\+05:45/);
  await search.fill('new york');
  await expect(zones.first()).toHaveText(/America\/New York\s*UTC−0[45]:00/);
  const view = (await nextQuery(page, 'kpis', () => search.press('Enter'))).view;
  expect(view.tz).toBe('America/New_York');
  expect(searchParams(page).get('tz')).toBe('America/New_York');

  await page.goto('/d/cluster-overview?v=1&r=P1D&tz=Asia%2FCalcutta');
  await panelsSettled(page);
  await expect.poll(() => searchParams(page).get('tz')).toBe('Asia/Kolkata');
  await expect(page.getByRole('button', { name: 'Time zone: Asia/Kolkata UTC+05:30' })).toBeVisible();
});

test('split and top-N controls change the time series and live in the URL', async ({ page }) => {
  await openDashboard(page, 'cluster-overview');
  const throughput = panel(page, 'throughput');
  await expect(throughput.getByRole('img')).toHaveAttribute('aria-label', /series \(/);

  let q = await nextQuery(page, 'throughput', () => page.getByLabel('Split by', { exact: true }).selectOption({ label: 'No split (totals)' }));
  expect(q.view.split).toBeNull();
  expect(searchParams(page).get('split')).toBe('-');
  expect(q.body.columns.map((c: { name: string }) => c.name)).toEqual(['t', 'bytes_in']);
  await panelsSettled(page);
  await expect(throughput.getByRole('img')).not.toHaveAttribute('aria-label', /series \(/);

  q = await nextQuery(page, 'throughput', () => page.getByLabel('Split by', { exact: true }).selectOption({ label: 'Topic' }));
  expect(q.view.split).toBe('topic');
  q = await nextQuery(page, 'throughput', () => page.getByLabel('Top', { exact: true }).selectOption('3'));
  expect(q.view).toMatchObject({ split: 'topic', limit: 3 });
  expect(searchParams(page).get('n')).toBe('3');
  const named = new Set(q.body.rows.map((r: unknown[]) => r[1]).filter((v: unknown) => v !== null));
  expect(named.size).toBeGreaterThan(0);
  expect(named.size).toBeLessThanOrEqual(3);
  await panelsSettled(page);
  await expect(throughput.getByRole('img')).toHaveAttribute('aria-label', /[1-4] series \(/);

  await page.getByLabel('Split by', { exact: true }).selectOption({ label: 'Each panel’s own' });
  await expect.poll(() => searchParams(page).has('split')).toBe(false);
});

test('typeahead adds only values that exist; typed text only through the explicit Contains choice', async ({ page }) => {
  await openDashboard(page, 'cluster-overview');
  await page.getByRole('button', { name: '+ Add filter' }).click();
  await page.getByLabel('Dimension', { exact: true }).selectOption('cluster');
  const input = page.getByRole('combobox', { name: /^Values/ });

  // Text that names no value: Enter adds nothing, Apply has nothing to apply.
  await input.fill('no-such-cluster');
  await expect(page.getByRole('option', { name: 'Contains “no-such-cluster” any value' })).toBeVisible();
  await input.press('Enter');
  await expect(page.getByRole('list', { name: 'Chosen values' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Apply filter' })).toBeDisabled();

  // Part of a real value: Enter on the text alone adds nothing; picking the suggestion does.
  await input.fill('prod-u');
  await expect(page.getByRole('option', { name: /^acme-prod-us/ })).toBeVisible();
  await input.press('Enter');
  await expect(page.getByRole('list', { name: 'Chosen values' })).toHaveCount(0);
  await page.getByRole('option', { name: /^acme-prod-us/ }).click();
  await expect(page.getByRole('list', { name: 'Chosen values' })).toHaveText(/acme-prod-us/);
  await page.getByRole('button', { name: 'Apply filter' }).click();
  await expect.poll(() => searchParams(page).getAll('in.cluster')).toEqual(['acme-prod-us']);

  // The explicit choice: contains the typed text.
  await page.getByRole('button', { name: '+ Add filter' }).click();
  await page.getByLabel('Dimension', { exact: true }).selectOption('topic');
  await page.getByRole('combobox', { name: /^Values/ }).fill('ord');
  await page.getByRole('option', { name: /^Contains “ord”/ }).click();
  await expect.poll(() => searchParams(page).getAll('contains.topic')).toEqual(['ord']);
  expect(searchParams(page).getAll('in.topic')).toEqual([]);
});

test('the dashboard’s limits are shown by the range picker and enforced by the API', async ({ page, context }) => {
  await openDashboard(page, 'cluster-overview');
  await page.getByRole('button', { name: /^Time range:/ }).click();
  await expect(page.getByTestId('dashboard-limits')).toHaveText('Up to 90 days at once, in steps of 1 minute or more.');
  await expect(page.getByRole('button', { name: 'Last 90 days' })).toBeVisible();
  await page.getByLabel('From', { exact: true }).fill('2026-01-01T00:00');
  await page.getByLabel('To', { exact: true }).fill('2026-04-02T00:00');
  await page.getByRole('button', { name: 'Apply range' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'days' })).toHaveText('This dashboard shows at most 90 days at once.');

  const ask = (range: object) =>
    context.request.post('/api/query', { data: { dashboard: 'cluster-overview', panel: 'kpis', view: { range, tz: 'UTC' } } });
  const within = await ask({ start: '2026-01-01T00:00:00Z', end: '2026-04-01T00:00:00Z' });
  expect(within.status()).toBe(200);
  const beyond = await ask({ start: '2026-01-01T00:00:00Z', end: '2026-04-02T00:00:00Z' });
  expect(beyond.status()).toBe(400);
  expect((await beyond.json()).error).toMatchObject({ code: 'invalid_input', path: 'view.range', message: 'this dashboard shows at most 90 days at once' });
});
