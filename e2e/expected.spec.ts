import { expect, test, type Page } from '@playwright/test';
import { interactive, openDashboard, panel, panelsSettled, searchParams, seriousViolations, signIn } from './helpers';

/**
 * The expected range on Security logins' failed-logins panel (on by the dashboard's config): a
 * week of hours, so the sample's planted credential-stuffing burst (an hour before the app
 * started) is in view and outside its band.
 */
const WEEK_OF_HOURS = 'v=1&r=P7D&tz=UTC&g=PT1H';
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.beforeEach(async ({ context }) => signIn(context, 'demo@acme.test'));

test('draws the band and lists the unusual points; the toggle works by keyboard; an unusual point opens the week before', async ({ page }) => {
  await openDashboard(page, 'security-logins', WEEK_OF_HOURS);
  const failures = panel(page, 'failures');
  const toggle = failures.getByRole('button', { name: 'Expected range' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const frame = failures.locator('[data-expected]');
  await expect(frame).toHaveAttribute('data-expected', 'drawn');
  expect(Number(await frame.getAttribute('data-unusual'))).toBeGreaterThan(0);
  await interactive(failures);
  await expect(failures.getByRole('img')).toHaveAccessibleName(/behind it the expected range and \d+ unusual points? as (a )?triangles?/);
  // A split panel cannot draw one: no toggle there.
  await expect(panel(page, 'failures_by_country').getByRole('button', { name: 'Expected range' })).toHaveCount(0);

  // The table view has the band's bounds as columns.
  await failures.getByRole('button', { name: 'Table' }).click();
  await expect(failures.getByRole('columnheader')).toHaveText(['Time', 'Failed logins', 'Expected low', 'Expected high', 'Stored rows']);
  await failures.getByRole('button', { name: 'Table' }).click();

  // Off and on again by keyboard: the focus stays on the toggle while the answer changes.
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(failures.locator('[data-expected]')).toHaveCount(0);
  await expect(failures.getByRole('button', { name: /unusual point/ })).toHaveCount(0);
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(failures.locator('[data-expected]')).toHaveAttribute('data-expected', 'drawn');

  // The list, by keyboard: each point's time, value and range; the first opens its hours against the week before.
  const list = failures.getByRole('button', { name: /unusual points? on Failed logins against the usual/ });
  await list.focus();
  await page.keyboard.press('Enter');
  const items = page.getByRole('list', { name: 'Unusual points on Failed logins against the usual' }).getByRole('button');
  await expect(items.first()).toBeVisible();
  await expect(items.first()).toHaveText(/^[A-Z][a-z]{2} \d+, \d\d:00.+, expected .+–.+/);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), `unusual points, ${colorScheme}`).toEqual([]);
  }
  await items.first().focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => searchParams(page).get('cmp')).toBe('P1W');
  expect(searchParams(page).get('from')).not.toBeNull();
});

test('says quietly when there is not enough history for an expected range', async ({ page }) => {
  // The sample holds 30 days: a day 29 days back has data but no week before it with any.
  const hour = (daysBack: number) => new Date(Math.floor((Date.now() - daysBack * 86_400_000) / 3_600_000) * 3_600_000).toISOString();
  await openDashboard(page, 'security-logins', `v=1&from=${encodeURIComponent(hour(29))}&to=${encodeURIComponent(hour(28))}&tz=UTC&g=PT1H`);
  const failures = panel(page, 'failures');
  await expect(failures).toHaveAttribute('data-state', 'ready');
  await expect(failures.locator('[data-expected]')).toHaveAttribute('data-expected', 'no-history');
  await expect(failures.getByText('Not enough history for an expected range')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test.describe('at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the band, its toggle and its list fit, axe clean in both schemes', async ({ page }) => {
    await page.goto(`/d/security-logins?${WEEK_OF_HOURS}`);
    await panelsSettled(page);
    const failures = panel(page, 'failures');
    await expect(failures.locator('[data-expected]')).toHaveAttribute('data-expected', 'drawn');
    await expect(failures.getByRole('button', { name: 'Expected range' })).toBeVisible();
    await failures.getByRole('button', { name: /unusual points? on/ }).click();
    await expect(page.getByRole('list', { name: /^Unusual points on/ })).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await overflow(page), colorScheme).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page), colorScheme).toEqual([]);
    }
  });
});
