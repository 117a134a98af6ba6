import { expect, test, type Page } from '@playwright/test';
import { startTestProvider, type TestProvider } from '@/lib/testing/oidc-provider';
import { panelsSettled } from './helpers';
import { APP_URL, OIDC_NAME, OIDC_PORT } from './oidc-settings';

/**
 * Single sign-on end to end: a real OpenID Connect provider (oidc-provider) on its own loopback
 * port, its own sign-in and consent pages, and the app's start and callback routes in between.
 */
let provider: TestProvider;
test.beforeAll(async () => {
  provider = await startTestProvider({ port: OIDC_PORT, redirectUris: [`${APP_URL}/api/auth/oidc/callback`] });
});
test.afterAll(() => provider?.close());

// The provider's development pages import a web font: there is no internet here.
test.beforeEach(({ context }) => context.route('https://fonts.googleapis.com/**', (route) => route.abort()));

const ssoButton = (page: Page) => page.getByRole('link', { name: `Sign in with ${OIDC_NAME}` });
// By id: Next.js's route announcer is an (empty) alert too.
const ssoError = (page: Page) => page.locator('#sso-error[role="alert"]');

/** At the provider: its sign-in form (any password), then its consent page when it asks. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${OIDC_PORT}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.waitForURL(/\/interaction\/|\/api\/auth\/oidc\/callback|^http:\/\/127\.0\.0\.1:\d+\/(?!interaction)/);
  const consent = page.getByRole('button', { name: 'Continue' });
  if (page.url().includes('/interaction/') && (await consent.isVisible())) await consent.click();
}

test('signing in with the provider lands on the dashboards of the tenant its claims name', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  // Keyboard: the button is a link, focused and followed with Enter.
  await ssoButton(page).focus();
  await page.keyboard.press('Enter');
  const callback = page.waitForResponse((r) => r.url().startsWith(`${APP_URL}/api/auth/oidc/callback`));
  await signInAtProvider(page, 'ann@acme.test');
  const res = await callback;
  expect(res.status()).toBe(303);
  const timing = /callback;dur=([\d.]+), provider;dur=([\d.]+)/.exec((await res.allHeaders())['server-timing'] ?? '');
  expect(timing, 'server-timing on the callback').not.toBeNull();
  console.log(`[oidc] callback handled in ${timing![1]} ms (provider: ${timing![2]} ms)`);
  await expect(page).toHaveURL(`${APP_URL}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboards' })).toBeVisible();
  await expect(page.getByTitle('Your organisation')).toHaveText('Acme Corp');
  // The session is the password sign-in's: the API knows the user, tenant and role.
  expect((await (await page.request.get('/api/session')).json()).user).toEqual({ email: 'ann@acme.test', tenant: 'acme', tenantName: 'Acme Corp', role: 'editor' });
});

test('a deep link survives single sign-on, for a user whose role claim is a list', async ({ page }) => {
  const view = '/d/cluster-overview?v=1&r=PT6H&tz=UTC';
  await page.goto(view);
  await expect(page).toHaveURL(/\/login\?next=/);
  const started = Date.now();
  await ssoButton(page).click();
  await signInAtProvider(page, 'hank@globex.test');
  await expect(page).toHaveURL(`${APP_URL}${view}`);
  await panelsSettled(page);
  console.log(`[oidc] from the provider's consent to a settled dashboard: ${Date.now() - started} ms (including the provider's pages)`);
  await expect(page.getByTitle('Your organisation')).toHaveText('Globex');
  expect((await (await page.request.get('/api/session')).json()).user).toMatchObject({ tenant: 'globex', role: 'admin' });
});

test('an account without a tenant claim is refused with a clear message, and nothing is signed in', async ({ page }) => {
  await page.goto('/login');
  await ssoButton(page).click();
  await signInAtProvider(page, 'lost@nowhere.test');
  await expect(page).toHaveURL(/\/login\?error=oidc\.no_tenant$/);
  await expect(ssoError(page)).toHaveText(`Your ${OIDC_NAME} account is not assigned to an organisation. Ask your administrator to add it.`);
  expect((await page.request.get('/api/session')).status()).toBe(401);
  // The password sign-in is still there.
  await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
});

test('a role Pulseboard does not know is refused with a clear message', async ({ page }) => {
  await page.goto('/login');
  await ssoButton(page).click();
  await signInAtProvider(page, 'root@acme.test');
  await expect(ssoError(page)).toHaveText(`Your ${OIDC_NAME} account's role is not a Pulseboard role (viewer, editor or admin). Ask your administrator to correct it.`);
  expect((await page.request.get('/api/session')).status()).toBe(401);
});

test('an answer with a tampered state is refused, and the flow cannot be replayed after', async ({ page }) => {
  await page.goto('/login');
  // The provider's redirect back cannot be intercepted (Playwright routes no redirects), so the
  // state is tampered with on the way out: the provider then answers with a state the flow
  // cookie does not hold, as it would for an answer forged or carried over from another browser.
  let original = '';
  await page.route('**/api/auth/oidc/start*', async (route) => {
    const res = await route.fetch({ maxRedirects: 0 });
    const authorize = new URL(res.headers().location!);
    original = authorize.searchParams.get('state')!;
    authorize.searchParams.set('state', `${original.slice(0, -2)}xx`);
    await route.fulfill({ response: res, headers: { ...res.headers(), location: authorize.href } });
  });
  const answers: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(`${APP_URL}/api/auth/oidc/callback`)) answers.push(r.url());
  });
  await ssoButton(page).click();
  await signInAtProvider(page, 'ann@acme.test');
  await expect(page).toHaveURL(/\/login\?error=oidc\.state_mismatch$/);
  await expect(ssoError(page)).toHaveText('This sign-in answer does not belong to the sign-in started in this browser, so it was refused. Please try again.');
  expect((await page.request.get('/api/session')).status()).toBe(401);
  // The refusal ended the flow: the same code with the genuine state is no longer accepted either.
  const genuine = new URL(answers[0]!);
  genuine.searchParams.set('state', original);
  await page.goto(genuine.href);
  await expect(page).toHaveURL(/\/login\?error=oidc\.expired$/);
  expect((await page.request.get('/api/session')).status()).toBe(401);
});
