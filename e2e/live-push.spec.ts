import { expect, test } from '@playwright/test';
import { openDashboard, panel, signIn } from './helpers';

test.beforeEach(async ({ context }) => signIn(context, 'demo@acme.test'));

const VIEW = 'v=1&r=PT1H&tz=UTC&g=PT1M';

test('a live dashboard receives new data over the event stream, without polling', async ({ page }) => {
  const queries: string[] = [];
  const streams: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/query')) queries.push(r.postDataJSON()?.panel);
    if (r.url().includes('/api/stream?')) streams.push(r.url());
  });
  await openDashboard(page, 'cluster-overview', VIEW);
  await expect(page.getByRole('button', { name: 'Live' })).toHaveAttribute('data-pushed', 'true', { timeout: 15_000 });
  expect(streams).toHaveLength(1);
  expect(new URL(streams[0]!).searchParams.get('dashboard')).toBe('cluster-overview');
  expect(new URL(streams[0]!).searchParams.get('r')).toBe('PT1H');

  // The sample data grows every second: the KPI tile's number moves while nothing asks for it.
  const bytesIn = panel(page, 'kpis').locator('[data-kpi="messages_in"]');
  const asked = queries.length;
  const before = await bytesIn.textContent();
  await expect.poll(() => bytesIn.textContent(), { timeout: 20_000 }).not.toBe(before);
  await page.waitForTimeout(11_000); // longer than the polling interval
  expect(queries.slice(asked), 'no panel asked again while updates were pushed').toEqual([]);
  await expect(panel(page, 'kpis').locator('[data-updated]')).toHaveText(/^Updated (just now|\d s ago)$/);
  expect(streams, 'one connection the whole time').toHaveLength(1);
});

test('pausing closes the stream; a new view opens a new one; a pinned range has none', async ({ page }) => {
  const streams: string[] = [];
  page.on('request', (r) => r.url().includes('/api/stream?') && streams.push(r.url()));
  await openDashboard(page, 'api-traffic', VIEW);
  const live = page.getByRole('button', { name: 'Live' });
  await expect(live).toHaveAttribute('data-pushed', 'true', { timeout: 15_000 });
  await live.press('Enter');
  await expect(page.getByRole('button', { name: 'Paused' })).toHaveAttribute('data-pushed', 'false');
  await page.getByRole('button', { name: 'Paused' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Live' })).toHaveAttribute('data-pushed', 'true', { timeout: 15_000 });
  expect(streams).toHaveLength(2);

  await page.getByLabel('Compare', { exact: true }).selectOption('P1D');
  await expect.poll(() => streams.length).toBe(3);
  expect(new URL(streams[2]!).searchParams.get('cmp')).toBe('P1D');

  await openDashboard(page, 'api-traffic', 'v=1&from=2026-11-20T00%3A00%3A00.000Z&to=2026-11-20T06%3A00%3A00.000Z&tz=UTC');
  await expect(page.getByRole('button', { name: 'Pinned range' })).toBeDisabled();
  await page.waitForTimeout(2_000);
  expect(streams).toHaveLength(3);
});

test('when the stream is refused (the tenant’s quota is full) the panels poll instead', async ({ page }) => {
  await page.route('**/api/stream?**', (route) =>
    route.fulfill({ status: 429, headers: { 'retry-after': '1' }, contentType: 'application/json', body: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many live dashboards are open.', requestId: 'x' } }) }),
  );
  await openDashboard(page, 'cluster-overview', VIEW);
  await expect(page.getByRole('button', { name: 'Live' })).toHaveAttribute('data-pushed', 'false');
  await page.waitForRequest((r) => r.url().endsWith('/api/query'), { timeout: 15_000 });
  await expect(page.locator('[data-panel][data-state="error"]')).toHaveCount(0);
});
