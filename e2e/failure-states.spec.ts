import { expect, test } from '@playwright/test';
import { openDashboard, panel, panelsSettled, searchParams, signIn, withoutStream } from './helpers';

test.beforeEach(async ({ context }) => signIn(context, 'demo@acme.test'));

test('a broken link opens the nearest valid view, says what it left out, and offers the default view', async ({ page }) => {
  await page.goto('/d/alerts?v=1&r=P2D&in.cluster=x&in.rule=high_error_rate&cmp=P1D');
  await panelsSettled(page);
  const notice = page.getByTestId('view-notice');
  await expect(notice).toContainText('The time range “P2D” is not one this dashboard offers');
  await expect(notice).toContainText('This dashboard has no “cluster” filter; that filter was left out.');
  // The rest of the link is kept, the filter bar is there, and every panel answers.
  await expect(page.getByRole('region', { name: 'View settings' })).toBeVisible();
  expect(searchParams(page).get('cmp')).toBe('P1D');
  expect(searchParams(page).getAll('in.rule')).toEqual(['high_error_rate']);
  expect(searchParams(page).has('in.cluster')).toBe(false);
  await expect(page.locator('[data-panel][data-state="error"]')).toHaveCount(0);
  await expect(notice).not.toContainText(/invalid_|Invalid option|expected one of/);
  await notice.getByRole('link', { name: 'Open the default view' }).click();
  await panelsSettled(page);
  await expect(page).toHaveURL(/\/d\/alerts\?v=1&r=P7D&tz=Europe%2FBerlin$/);
  await expect(page.getByTestId('view-notice')).toHaveCount(0);
});

test('a link from another version or with unknown settings still opens, and the notice can be dismissed', async ({ page }) => {
  await page.goto('/d/cluster-overview?v=9&r=PT6H&tz=UTC&colour=blue');
  await panelsSettled(page);
  const notice = page.getByTestId('view-notice');
  await expect(notice).toContainText('This link is from another version of Pulseboard');
  await expect(notice).toContainText('The link setting “colour” is not one Pulseboard knows');
  expect(searchParams(page).get('r')).toBe('PT6H');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});

test('a grain too fine for the range is coarsened with a notice instead of failing every panel', async ({ page }) => {
  const refused: string[] = [];
  page.on('response', (r) => r.url().endsWith('/api/query') && r.status() >= 400 && refused.push(String(r.status())));
  await openDashboard(page, 'security-logins', 'v=1&r=P30D&tz=UTC&g=PT1M');
  await expect(page.getByTestId('view-notice')).toContainText('Buckets of 1 minute are too fine for 30 days (more than 5,000 points); showing buckets of 15 minutes.');
  expect(searchParams(page).get('g')).toBe('PT15M');
  for (const id of ['kpis', 'failures_by_country', 'attempts_by_result']) await expect(panel(page, id)).toHaveAttribute('data-state', 'ready');
  expect(refused).toEqual([]);
  // Changing the view afterwards ends the notice: it was about the link, not the new view.
  await page.getByLabel('Compare', { exact: true }).selectOption('P1D');
  await expect(page.getByTestId('view-notice')).toHaveCount(0);
});

test('a panel whose refresh fails keeps its answer and says in words how old it is and why', async ({ page }) => {
  await withoutStream(page);
  await openDashboard(page, 'cluster-overview', 'v=1&r=PT1H&tz=UTC');
  const kpis = panel(page, 'kpis');
  await expect(kpis.locator('[data-updated]')).toHaveText(/^Updated (just now|\d+ s ago)$/);
  await page.route('**/api/query', (route) =>
    route.fulfill({
      status: 503,
      headers: { 'retry-after': '5' },
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'engine_unavailable', message: 'The data engine is unavailable right now. Please retry shortly.', requestId: 'x' } }),
    }),
  );
  // The next live refresh (every 10 s) fails; the numbers stay, the footer explains.
  await expect(kpis.locator('[data-updated]')).toHaveText(/^Showing data from \d+ s ago: the data store is not answering$/, { timeout: 30_000 });
  await expect(kpis).toHaveAttribute('data-state', 'ready');
  await expect(kpis.locator('footer')).not.toContainText(/cache|stale|\d ms\b/);
  await page.unroute('**/api/query');
  await kpis.getByRole('button', { name: 'Retry' }).click();
  await expect(kpis.locator('[data-updated]')).toHaveText(/^Updated (just now|\d+ s ago)$/);
});
