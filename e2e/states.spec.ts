import { expect, test } from '@playwright/test';
import { openDashboard, panel, panelsSettled, signIn } from './helpers';

test.beforeEach(async ({ context }) => signIn(context, 'demo@acme.test'));

test('a failing panel shows the API message and recovers with Retry, alone', async ({ page }) => {
  await page.route('**/api/query', (route) =>
    route.request().postDataJSON().panel === 'top_topics'
      ? route.fulfill({
          status: 504,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'engine_timeout', message: 'The query took too long. Try a shorter time range.' } }),
        })
      : route.continue(),
  );
  await openDashboard(page, 'cluster-overview', 'v=1&r=PT6H&tz=UTC');
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

test('a broken link names the parameter to fix and offers the default view', async ({ page }) => {
  await page.goto('/d/alerts?v=1&r=P2D&in.rule=x');
  const alert = page.getByRole('alert').filter({ hasText: 'can’t be read' });
  await expect(alert).toContainText('The r parameter is invalid');
  await page.goto('/d/alerts?v=1&r=P1D&in.cluster=x');
  await expect(alert).toContainText('The in.cluster parameter is invalid: this dashboard has no dimension cluster');
  await alert.getByRole('link', { name: 'Open the default view' }).click();
  await panelsSettled(page);
  await expect(page).toHaveURL(/\/d\/alerts\?v=1&r=P7D&tz=Europe%2FBerlin$/);
});
