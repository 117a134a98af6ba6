import { expect, test } from '@playwright/test';
import { openDashboard, panelsSettled, searchParams, signIn } from './helpers';

test('the alert indicator lists the tenant’s alerts and opens the alert window against last week', async ({ context, page }) => {
  await signIn(context, 'demo@acme.test');
  await openDashboard(page, 'cluster-overview');
  const indicator = page.getByRole('button', { name: /alerts? in the last 24 hours/ });
  await expect(page.getByTestId('alert-count')).toHaveText(/Alerts [1-9]\d*/);
  await indicator.click();
  const spike = page.getByRole('link', { name: /critical.*Failed logins from SG/ });
  await expect(spike).toBeVisible();
  await spike.click();
  await expect(page).toHaveURL(/\/d\/security-logins\?/);
  await panelsSettled(page);
  const params = searchParams(page);
  expect(params.get('cmp')).toBe('P1W');
  expect(params.get('from')).toBeTruthy();
  expect(params.get('to')).toBeTruthy();
});
