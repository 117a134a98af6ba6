import { expect, test, type Page } from '@playwright/test';
import { DASHBOARDS, openDashboard, paintedPixels, panel, signIn } from './helpers';

type Violation = { directive: string; blocked: string; sample: string };

/** Every CSP violation the page reports, kept on window from before the first script runs. */
async function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations);
}

test.beforeEach(async ({ context }) => {
  await signIn(context, 'demo@acme.test');
  await context.addInitScript(() => {
    const w = window as unknown as { cspViolations: Violation[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }));
  });
});

const timeseries = DASHBOARDS.flatMap((d) => d.panels.filter((p) => p.type === 'timeseries').map((p) => ({ dashboard: d.id, panel: p.id })))[0]!;

test('a dashboard renders with its charts under the nonce CSP, with no violation reported', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes(`/d/${timeseries.dashboard}`) && r.request().resourceType() === 'document'), openDashboard(page, timeseries.dashboard)]);
  const headers = response.headers();
  const nonce = /'nonce-([^']+)'/.exec(headers['content-security-policy'] ?? '')?.[1];
  expect(nonce, 'the page CSP has a nonce').toBeTruthy();
  expect(headers['content-security-policy']).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');
  expect(headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin', 'permissions-policy': expect.stringContaining('camera=()') });
  // The app is served over http here: no HSTS.
  expect(headers['strict-transport-security']).toBeUndefined();
  // Next.js put the nonce on its scripts: they ran (the page hydrated and ECharts painted).
  await expect.poll(() => paintedPixels(panel(page, timeseries.panel)), { message: 'the chart is drawn' }).toBeGreaterThan(2_000);
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  expect(await violations(page)).toEqual([]);
  expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
});

test('the CSP is enforced: an inline script injected into the page without the nonce does not run and is reported', async ({ page }) => {
  // As an XSS would: a parser-inserted inline script in the served HTML, headers as sent.
  await page.route(`**/d/${timeseries.dashboard}**`, async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const res = await route.fetch();
    await route.fulfill({ response: res, body: (await res.text()).replace('</head>', '<script>window.injected = true</script></head>') });
  });
  await openDashboard(page, timeseries.dashboard);
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  expect(await violations(page)).toEqual([expect.objectContaining({ directive: 'script-src-elem', blocked: 'inline' })]);
  // Our own scripts carry the nonce and ran: the chart is drawn.
  await expect.poll(() => paintedPixels(panel(page, timeseries.panel))).toBeGreaterThan(2_000);
});

test('the sign-in page and the 404 page render with no violation either', async ({ page, context }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading').first()).toBeVisible();
  await context.clearCookies();
  const res = await page.goto('/login');
  expect(res!.headers()['content-security-policy']).toMatch(/'nonce-/);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  // Hydrated: the form is React's, so typing works as a controlled input.
  await page.getByLabel(/email/i).fill('demo@acme.test');
  expect(await violations(page)).toEqual([]);
});

test('API answers and static files carry the headers; a foreign Origin cannot change anything', async ({ page, request, baseURL }) => {
  const api = await request.get('/api/health');
  expect(api.headers()).toMatchObject({ 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" });
  await page.goto('/login');
  const script = await page.locator('script[src^="/_next/static/"]').first().getAttribute('src');
  expect((await request.get(script!)).headers()['x-content-type-options']).toBe('nosniff');
  const body = { dashboard: timeseries.dashboard, panel: timeseries.panel, view: { range: { last: 'P1D' } } };
  const foreign = await page.request.post('/api/query', { data: body, headers: { origin: 'https://evil.example' } });
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).error.code).toBe('forbidden');
  expect((await page.request.post('/api/query', { data: body, headers: { origin: new URL(baseURL!).origin } })).status()).toBe(200);
});
