import { expect, test } from '@playwright/test';
import { openDashboard, panelsSettled, signIn } from './helpers';

test('signing in with a demo account opens the dashboards of its organisation', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByRole('button', { name: /demo@acme\.test/ }).click();
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue('demo@acme.test');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboards' })).toBeVisible();
  await expect(page.getByTitle('Your organisation')).toHaveText('Acme Corp');
  await expect(page.getByRole('link', { name: /Cluster overview/ })).toBeVisible();
});

test('what is typed before the page has hydrated is kept and signs in', async ({ page }) => {
  // Hold the page's scripts back, type, then let them run: hydration must not clear the fields.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/chunks\/.*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/login', { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Email', { exact: true }).fill('demo@acme.test');
  await page.getByLabel('Password', { exact: true }).fill('demo');
  release();
  await page.waitForFunction(() => Object.keys(document.querySelector('form')!).some((k) => k.startsWith('__react')));
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue('demo@acme.test');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('a wrong password is refused with a message', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill('demo@acme.test');
  await page.getByLabel('Password', { exact: true }).fill('nope');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.locator('#login-error')).toHaveText('Email or password is wrong.');
  await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
});

test('a deep link survives signing in', async ({ page }) => {
  await page.goto('/d/alerts?v=1&r=PT6H&tz=UTC&cmp=previous');
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('Email', { exact: true }).fill('demo@acme.test');
  await page.getByLabel('Password', { exact: true }).fill('demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL('/d/alerts?v=1&r=PT6H&tz=UTC&cmp=previous');
  await panelsSettled(page);
});

test('an expired session sends the user to sign in and back to the same view', async ({ page, context }) => {
  await signIn(context, 'demo@acme.test');
  await openDashboard(page, 'cluster-overview', 'v=1&r=PT6H&tz=UTC');
  await context.clearCookies();
  // The next query answers 401; the app goes to sign-in carrying the view it was on.
  await page.getByLabel('Compare', { exact: true }).selectOption('P1D');
  await expect(page).toHaveURL(/\/login\?next=/);
  expect(new URL(page.url()).searchParams.get('next')).toBe('/d/cluster-overview?v=1&r=PT6H&tz=UTC&cmp=P1D');
  await page.getByLabel('Email', { exact: true }).fill('ops@acme.test');
  await page.getByLabel('Password', { exact: true }).fill('demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL('/d/cluster-overview?v=1&r=PT6H&tz=UTC&cmp=P1D');
  await panelsSettled(page);
});

test('signing out ends the session', async ({ page, context }) => {
  await signIn(context, 'demo@acme.test');
  await page.goto('/');
  await page.getByRole('button', { name: 'Account: demo@acme.test' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/d/alerts');
  await expect(page).toHaveURL(/\/login\?next=%2Fd%2Falerts$/);
});

test('an unknown dashboard gets a clear not-found page', async ({ page, context }) => {
  await signIn(context, 'demo@acme.test');
  const res = await page.goto('/d/no-such-dashboard');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Dashboard not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to your dashboards' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboards' })).toBeVisible();
});
