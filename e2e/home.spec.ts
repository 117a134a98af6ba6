import { expect, test } from '@playwright/test';
import { DASHBOARDS, seriousViolations, signIn } from './helpers';

test.beforeEach(async ({ context }) => signIn(context, 'demo@acme.test'));

test('the dashboard list shows each dashboard’s description, headline sparkline and data age', async ({ page }) => {
  await page.goto('/');
  const cards = page.getByRole('listitem');
  await expect(cards).toHaveCount(DASHBOARDS.length);
  for (const [i, d] of DASHBOARDS.entries()) {
    const card = cards.nth(i);
    await expect(card.getByRole('heading', { name: d.title })).toBeVisible();
    await expect(card).toContainText(d.description);
    await expect(card.getByRole('img', { name: / over the last 24 hours, last complete hour / })).toBeVisible();
    await expect(card.locator('svg path')).toHaveAttribute('d', /^M[\d.]+ [\d.]+L/);
    await expect(card).toContainText(/Data updated (just now|\d+ (s|min|h) ago)/);
  }
  expect(await seriousViolations(page)).toEqual([]);
});

test('a card whose headline cannot be loaded says so and still opens its dashboard', async ({ page }) => {
  await page.route('**/api/query', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"unavailable","message":"down","requestId":"x"}}' }));
  await page.goto('/');
  const first = page.getByRole('listitem').first();
  await expect(first).toContainText('not available right now', { timeout: 30_000 });
  await first.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/d/${DASHBOARDS[0]!.id}`));
});
