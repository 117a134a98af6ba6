import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { expect, request, test, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { EMBED_E2E } from './embed-settings';
import { exportPanel } from './helpers';
import { withoutStream } from './helpers';

/**
 * A vendor's page on another origin (127.0.0.1:<E2E_PORT + 10>, served by this test) embeds a
 * dashboard with public/embed.js; its "backend" signs 20-second tokens locked to one cluster.
 */
const APP = `http://127.0.0.1:${EMBED_E2E.appPort}`;
const LIFETIME_S = 20;
const LOCKED = 'acme-prod-eu';

let host: Server;
let issued = 0;
/** acme's HS256 embedding secret, issued through the admin API in beforeAll (the database holds the settings). */
let secret: string;

function hostPage(view: string | null): string {
  return `<!doctype html><html><head><title>Vendor app</title></head><body>
<h1>Vendor app</h1><div id="dashboard"></div>
<script src="${APP}/embed.js"></script>
<script>
  Pulseboard.embed({
    container: '#dashboard', tenant: 'acme', dashboard: 'cluster-overview', height: '1400px',
    ${view ? `view: ${JSON.stringify(view)},` : ''}
    getToken: () => fetch('/token').then((r) => r.text()),
  });
</script></body></html>`;
}

test.beforeAll(async () => {
  // As acme's admin would on /admin: a new secret (shown once) and the host page's origin.
  const admin = await request.newContext({ baseURL: APP });
  expect((await admin.post('/api/session', { data: { email: 'demo@acme.test', password: 'demo' } })).status()).toBe(200);
  const issuedSecret = await admin.post('/api/admin/embed/secret');
  expect(issuedSecret.status()).toBe(200);
  secret = (await issuedSecret.json()).secret;
  expect((await admin.put('/api/admin/embed', { data: { allowedOrigins: [`http://127.0.0.1:${EMBED_E2E.hostPort}`], jwksUrl: null } })).status()).toBe(200);
  await admin.dispose();
  host = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname === '/token') {
      issued++;
      const token = await new SignJWT({ tenant: 'acme', dashboards: ['cluster-overview'], filters: [{ dim: 'cluster', op: 'in', values: [LOCKED] }] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('vendor-user-1')
        .setAudience('pulseboard')
        .setExpirationTime(Math.floor(Date.now() / 1000) + LIFETIME_S)
        .sign(new TextEncoder().encode(secret));
      res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(url.searchParams.get('view')));
  });
  await new Promise<void>((resolve) => host.listen(EMBED_E2E.hostPort, '127.0.0.1', resolve));
});

test.afterAll(() => new Promise<void>((resolve) => host.close(() => resolve())));

const dashboard = (page: Page) => page.frameLocator('iframe[title="Dashboard"]');

async function settled(page: Page) {
  const frame = dashboard(page);
  await expect(frame.locator('[data-panel]').first()).toBeVisible();
  await expect(frame.locator('[data-panel][data-state="loading"]')).toHaveCount(0);
}

test('an embedded dashboard keeps refreshing past two token lifetimes, its locked filter bound and not removable', async ({ page }) => {
  test.setTimeout(120_000);
  const answers: { at: number; status: number; bearer: boolean; cookie: boolean }[] = [];
  page.on('response', async (res) => {
    // The blocked event stream (below) is not one of the calls this watches.
    if (!res.url().startsWith(`${APP}/api/`) || res.url().includes('/api/stream?')) return;
    const headers = await res.request().allHeaders();
    answers.push({ at: Date.now(), status: res.status(), bearer: /^Bearer /.test(headers.authorization ?? ''), cookie: 'cookie' in headers });
  });
  // The panels' own requests are what this watches: live push blocked, they poll every 10 s.
  await withoutStream(page);
  const started = Date.now();
  issued = 0;
  await page.goto(`http://127.0.0.1:${EMBED_E2E.hostPort}/`);
  await settled(page);
  const firstRender = Date.now() - started;

  const frame = dashboard(page);
  // No chrome of the app: no header, no share links, the title and the view settings only.
  await expect(frame.getByRole('heading', { name: 'Cluster overview' })).toBeVisible();
  await expect(frame.getByRole('banner')).toHaveCount(0);
  await expect(frame.getByRole('button', { name: 'Share' })).toHaveCount(0);
  // The locked filter is shown as locked, with nothing to remove it by.
  const lockedChip = frame.locator('[data-locked="true"]');
  await expect(lockedChip).toContainText(LOCKED);
  await expect(lockedChip.getByRole('button')).toHaveCount(0);
  await expect(frame.getByRole('button', { name: /^Remove filter/ })).toHaveCount(0);

  // Stay open past two lifetimes: the live panels refresh every 10 s the whole time.
  await page.waitForTimeout(2 * LIFETIME_S * 1000 + 5_000);
  await expect(frame.locator('[data-panel][data-state="error"]')).toHaveCount(0);
  // (Next.js' route announcer is an alert region outside main: not a message.)
  await expect(frame.locator('main').getByRole('alert')).toHaveCount(0);
  expect(issued, 'tokens fetched from the host backend').toBeGreaterThanOrEqual(3);
  const late = answers.filter((a) => a.at > started + 2 * LIFETIME_S * 1000);
  expect(late.length, 'panel answers after two token lifetimes').toBeGreaterThan(3);
  expect(answers.filter((a) => a.status !== 200 && a.status !== 304), 'no refused or failed API call').toEqual([]);
  expect(answers.every((a) => a.bearer && !a.cookie), 'every call carries the token, none a cookie').toBe(true);

  // Only the locked cluster's brokers, on screen and in the CSV export.
  const brokers = frame.locator('[data-panel="brokers"]');
  await expect(brokers).toContainText('acme-eu-');
  await expect(brokers).not.toContainText('acme-us-');
  const download = await exportPanel(page, brokers, 'CSV');
  const lines = (await readFile((await download.path())!, 'utf8')).split('\r\n').filter(Boolean).slice(1);
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((l) => l.startsWith('acme-eu-'))).toBe(true);
  console.log(`[embed e2e] first render ${firstRender} ms; ${issued} tokens; ${answers.length} API answers`);
});

test('a view in the URL (a shared link) cannot widen the locked filter', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${EMBED_E2E.hostPort}/?view=${encodeURIComponent('v=1&r=P1D&tz=UTC&not_in.cluster=acme-prod-eu&in.cluster=acme-prod-us')}`);
  await settled(page);
  const frame = dashboard(page);
  await expect(frame.locator('[data-locked="true"]')).toContainText(LOCKED);
  await expect(frame.locator('[data-panel="brokers"]')).toHaveAttribute('data-rows', '0');
  // The viewer's own filter can go; the locked one stays.
  await frame.getByRole('button', { name: /^Remove filter: Cluster is acme-prod-us/ }).click();
  await expect(frame.locator('[data-locked="true"]')).toContainText(LOCKED);
});

test('a page on an origin the tenant did not allow cannot frame the dashboard', async ({ page }) => {
  issued = 0;
  const blocked: string[] = [];
  page.on('console', (m) => m.text().includes('frame-ancestors') && blocked.push(m.text()));
  // localhost is another origin than 127.0.0.1, though the same machine and port.
  await page.goto(`http://localhost:${EMBED_E2E.hostPort}/`);
  await expect.poll(() => blocked.length, { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(dashboard(page).locator('[data-panel]')).toHaveCount(0);
  expect(issued).toBe(0);
});
