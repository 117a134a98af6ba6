import { expect, test } from '@playwright/test';
import { openDashboard, panel, panelsSettled, signIn, withoutStream } from './helpers';

test.beforeEach(async ({ context }) => signIn(context, 'demo@acme.test'));

test('a failing panel shows the API message and recovers with Retry, alone', async ({ page }) => {
  // The panel's own request is what fails here: no pushed answer may stand in for it.
  await withoutStream(page);
  // The first view comes answered from the server; the browser asks for the next one.
  await openDashboard(page, 'cluster-overview', 'v=1&r=PT1H&tz=UTC');
  await page.route('**/api/query', (route) =>
    route.request().postDataJSON().panel === 'top_topics'
      ? route.fulfill({
          status: 504,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'engine_timeout', message: 'The query took too long. Try a shorter time range.' } }),
        })
      : route.continue(),
  );
  await page.getByRole('button', { name: /^Time range:/ }).click();
  await page.getByRole('button', { name: 'Last 6 hours' }).click();
  await panelsSettled(page);
  const failing = panel(page, 'top_topics');
  await expect(failing).toHaveAttribute('data-state', 'error');
  await expect(failing).toContainText('The query took too long. Try a shorter time range.');
  await expect(panel(page, 'brokers')).toHaveAttribute('data-state', 'ready');
  await page.unroute('**/api/query');
  await failing.getByRole('button', { name: 'Retry' }).click();
  await expect(failing).toHaveAttribute('data-state', 'ready');
});

test('a view with no matching rows says so in every panel', async ({ page }) => {
  await openDashboard(page, 'topics-clients', 'v=1&r=PT1H&tz=UTC&contains.topic=no-such-topic');
  for (const id of ['messages', 'lag', 'top_clients', 'pairs', 'kpis']) {
    await expect(panel(page, id)).toHaveAttribute('data-state', 'empty');
  }
  await expect(panel(page, 'pairs')).toContainText('No data for this view');
});

test('the percentile, heatmap and sparkline panels say so too when nothing matches', async ({ page }) => {
  await openDashboard(page, 'api-traffic', 'v=1&r=PT1H&tz=UTC&contains.endpoint=no-such-endpoint');
  for (const id of ['latency_percentiles', 'requests_by_hour', 'error_rate_trend', 'p95_trend']) {
    await expect(panel(page, id)).toHaveAttribute('data-state', 'empty');
    await expect(panel(page, id)).toContainText('No data for this view');
  }
});

test('changing the view cancels the requests of the view it replaces', async ({ page }) => {
  await openDashboard(page, 'cluster-overview', 'v=1&r=PT6H&tz=UTC');
  // Hold answers back so the next change overtakes them.
  await page.route('**/api/query', async (route) => {
    await new Promise((r) => setTimeout(r, 1_500));
    await route.continue().catch(() => undefined);
  });
  const aborted: string[] = [];
  page.on('requestfailed', (r) => r.url().endsWith('/api/query') && aborted.push(r.failure()?.errorText ?? ''));
  await page.getByLabel('Compare', { exact: true }).selectOption('P1D');
  // While the new view loads, no panel shows the numbers of the view it replaces.
  await expect(panel(page, 'kpis')).toHaveAttribute('data-state', 'loading');
  await page.getByLabel('Compare', { exact: true }).selectOption('P1W');
  await expect.poll(() => aborted.length).toBeGreaterThanOrEqual(5);
  expect(aborted.every((e) => e.includes('ABORTED'))).toBe(true);
  await panelsSettled(page);
  await expect(panel(page, 'kpis')).toContainText('vs week before');
});
