import { expect, test, type Page } from '@playwright/test';
import { seriousViolations, signIn } from './helpers';

/**
 * The alert inbox (/alerts). Initech's admin acknowledges the demo's ongoing under-replication
 * alert (e2e/alerts.spec.ts reads acme's badge, so this changes nothing it counts). The demo has
 * one such open alert per tenant and server start: against a reused server, run it once.
 */

const ONGOING = 'broker-2 has had under-replicated partitions';
const badgeCount = async (page: Page) => Number((await page.getByTestId('alert-count').textContent())!.replace(/\D+/g, ''));
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('an admin acknowledges an open alert with a note: it moves to Acknowledged and the badge count drops', async ({ context, page }) => {
  await signIn(context, 'demo@initech.test');
  await page.goto('/alerts');
  const open = page.getByRole('tab', { name: /^Open/ });
  await expect(open).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByRole('tabpanel');
  const alert = panel.getByRole('listitem').filter({ hasText: ONGOING });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('under replicated');
  await expect(alert).toContainText(/> 3 minutes under-replicated \(minutes 3, default\)/);
  await expect(page.getByTestId('alert-count')).toHaveText(/Alerts [1-9]\d*/);
  const before = await badgeCount(page);

  await alert.getByRole('button', { name: 'Acknowledge' }).click();
  const dialog = page.getByRole('dialog', { name: 'Acknowledge alert' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Note (optional)' })).toBeFocused();
  await dialog.getByRole('textbox', { name: 'Note (optional)' }).fill('Replacing broker-2 now');
  await dialog.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(dialog).toBeHidden();

  await expect(panel.getByRole('listitem').filter({ hasText: ONGOING })).toHaveCount(0);
  await expect(page.getByTestId('alert-count')).toHaveText(`Alerts ${before - 1}`);
  // Keyboard: the arrow key moves to the next tab and shows its alerts.
  await open.focus();
  await page.keyboard.press('ArrowRight');
  const acknowledged = page.getByRole('tab', { name: /^Acknowledged/ });
  await expect(acknowledged).toBeFocused();
  await expect(acknowledged).toHaveAttribute('aria-selected', 'true');
  const moved = panel.getByRole('listitem').filter({ hasText: ONGOING });
  await expect(moved).toContainText('Acknowledged by demo@initech.test: “Replacing broker-2 now”');
  await expect(moved.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);
  await expect(moved.getByRole('button', { name: 'Resolve' })).toBeVisible();
  await expect(moved.getByRole('link', { name: 'Explain' })).toHaveAttribute('href', /^\/d\/cluster-overview\?v=1&.*cmp=P1W/);
});

test('a viewer sees the inbox without the actions; resolved alerts say how they were resolved', async ({ context, page }) => {
  await signIn(context, 'ops@acme.test');
  await page.goto('/alerts');
  await expect(page.getByRole('tabpanel').getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Resolve' })).toHaveCount(0);
  await page.getByRole('tab', { name: /^Resolved/ }).click();
  await expect(page.getByRole('tabpanel').getByRole('listitem').filter({ hasText: 'Failed logins from' })).toContainText('Resolved automatically');
});

test('the header badge leads to the inbox', async ({ context, page }) => {
  await signIn(context, 'ops@acme.test');
  await page.goto('/');
  await page.getByRole('button', { name: /alerts? in the last 24 hours/ }).click();
  await page.getByRole('link', { name: 'Open the alert inbox' }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the inbox and its dialog have no serious accessibility violations and no sideways scroll at 390 px (${colorScheme})`, async ({ context, page }) => {
    await page.emulateMedia({ colorScheme });
    await signIn(context, 'demo@acme.test');
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/alerts');
      await expect(page.getByRole('tabpanel').getByRole('listitem').first()).toBeVisible();
      expect(await seriousViolations(page), `open tab, ${width}`).toEqual([]);
      expect(await overflow(page), `open tab, ${width}`).toBe(0);
      await page.getByRole('tab', { name: /^Resolved/ }).click();
      await expect(page.getByRole('tabpanel').getByRole('listitem').first()).toBeVisible();
      expect(await seriousViolations(page), `resolved tab, ${width}`).toEqual([]);
      expect(await overflow(page), `resolved tab, ${width}`).toBe(0);
    }
    await page.getByRole('tab', { name: /^Open/ }).click();
    await page.getByRole('tabpanel').getByRole('button', { name: 'Resolve' }).first().click();
    await expect(page.getByRole('dialog', { name: 'Resolve alert' })).toBeVisible();
    expect(await seriousViolations(page), 'dialog').toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await page.screenshot({ path: `e2e/artifacts/inbox-${colorScheme}.png`, fullPage: true });
  });
}
