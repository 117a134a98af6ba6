import { expect, test } from '@playwright/test';
import { openDashboard, panelsSettled, searchParams, signIn } from './helpers';

test('the alert badge counts the open alerts; its menu lists the day’s alerts and opens an alert’s window against last week', async ({ context, page }) => {
  await signIn(context, 'demo@acme.test');
  await openDashboard(page, 'cluster-overview');
  const indicator = page.getByRole('button', { name: /^Alerts [1-9]\d*: [1-9]\d* open, \d+ alerts? in the last 24 hours$/ });
  // The demo's ongoing under-replication alert is open; its login spike has resolved itself.
  await expect(page.getByTestId('alert-count')).toHaveText(/Alerts [1-9]\d*/);
  await expect(indicator).toBeVisible();
  await indicator.click();
  const spike = page.getByRole('link', { name: /critical.*Failed logins from SG.*\(resolved\)/ });
  await expect(spike).toBeVisible();
  await spike.click();
  await expect(page).toHaveURL(/\/d\/security-logins\?/);
  await panelsSettled(page);
  const params = searchParams(page);
  expect(params.get('cmp')).toBe('P1W');
  expect(params.get('from')).toBeTruthy();
  expect(params.get('to')).toBeTruthy();
});
