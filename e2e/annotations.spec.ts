import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { APP_URL } from './oidc-settings';
import { interactive, openDashboard, panel, searchParams, seriousViolations, signIn } from './helpers';

const NOTE = /^E2E note \d+/;
const DAY_MS = 86_400_000;
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** What a test added is removed even when it fails: the e2e database is kept between runs. */
test.afterEach(async ({ browser }) => {
  const admin = await browser.newContext({ baseURL: APP_URL });
  await signIn(admin, 'demo@acme.test');
  const query = new URLSearchParams({ dashboard: 'cluster-overview', from: new Date(Date.now() - 2 * DAY_MS).toISOString(), to: new Date(Date.now() + DAY_MS).toISOString() });
  for (const a of (await (await admin.request.get(`/api/annotations?${query}`)).json()).annotations ?? []) {
    if (a.kind === 'note' && NOTE.test(a.text)) await admin.request.delete(`/api/annotations/${a.id}`);
  }
  await admin.close();
});

/** A new editor of acme, invited by its admin; `context` is signed in as them. */
async function signInAsNewEditor(context: BrowserContext, browser: { newContext: (o: object) => Promise<BrowserContext> }): Promise<string> {
  const admin = await browser.newContext({ baseURL: APP_URL });
  await signIn(admin, 'demo@acme.test');
  const email = `annotator-${Date.now()}@acme.test`;
  const invited = await admin.request.post('/api/admin/invitations', { data: { email, role: 'editor' } });
  expect(invited.status()).toBe(200);
  const { token } = await invited.json();
  await admin.close();
  const accepted = await context.request.post('/api/invitations/accept', { data: { token, password: 'annotations-e2e-pass' } });
  expect(await accepted.json()).toMatchObject({ role: 'editor', signedIn: true });
  return email;
}

/** An hour before now, as the view's zone (UTC here) writes it in a datetime-local field. */
const anHourAgo = () => new Date(Date.now() - 3_600_000).toISOString().slice(0, 16);

async function annotate(page: Page, text: string, within: Page | Locator = page) {
  await within.getByRole('button', { name: 'Annotate' }).click();
  const form = page.getByRole('form', { name: 'Add an annotation' });
  await form.getByLabel('Time (UTC)').fill(anHourAgo());
  await form.getByLabel('Note').fill(text);
  await form.getByLabel('Only for').selectOption('cluster');
  await form.getByLabel('Value').fill('acme-prod-eu');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), `annotate form, ${colorScheme}`).toEqual([]);
  }
  await form.getByRole('button', { name: 'Add annotation' }).click();
  await expect(form.getByRole('status')).toHaveText('Annotation added.');
  await page.keyboard.press('Escape');
}

test('an editor adds an annotation, sees it on every time series of the data, opens it by keyboard and compares with the week before', async ({ page, context, browser }) => {
  test.setTimeout(300_000);
  const email = await signInAsNewEditor(context, browser);
  await openDashboard(page, 'cluster-overview', 'v=1&r=PT6H&tz=UTC');
  const text = `E2E note ${Date.now()}: deployed broker 3.9`;
  await annotate(page, text);

  // The chart draws it: the option's marks name it, and the panel's list (for the keyboard) has it.
  for (const id of ['throughput', 'latency', 'replication']) {
    const list = panel(page, id).getByRole('button', { name: /annotations? on / });
    await expect(list).toBeVisible();
  }
  const throughput = panel(page, 'throughput');
  await throughput.getByRole('button', { name: /annotations? on Bytes in by cluster/ }).click();
  const item = page.getByRole('list', { name: 'Annotations on Bytes in by cluster' }).getByRole('button', { name: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  await expect(item).toBeVisible();
  const annotationId = await item.getAttribute('data-annotation');
  expect(annotationId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(throughput.locator('[data-annotations]')).toHaveAttribute('data-annotations', new RegExp(annotationId!));
  // The canvas that replaces the first-paint SVG paints the option with the marks.
  await page.keyboard.press('Escape');
  await interactive(throughput);
  await expect(throughput.locator('.chart-canvas')).toHaveAttribute('data-drawn', 'true');
  await throughput.getByRole('button', { name: /annotations? on Bytes in by cluster/ }).click();
  await expect(panel(page, 'latency').locator('[data-annotations]')).toHaveAttribute('data-annotations', new RegExp(annotationId!));

  // Enter on it opens the details: text, author, time in the view's zone, the dimension value.
  await item.focus();
  await page.keyboard.press('Enter');
  const details = page.getByRole('dialog', { name: 'Annotation' });
  await expect(details).toContainText(text);
  await expect(details).toContainText(`By${email}`);
  await expect(details).toContainText('(UTC)');
  await expect(details).toContainText('clusteracme-prod-eu');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), `annotation details, ${colorScheme}`).toEqual([]);
  }

  // The link: this dashboard around that moment, compared with the week before, narrowed to that cluster.
  await details.getByRole('link', { name: 'Compare with the week before' }).click();
  await expect.poll(() => searchParams(page).get('cmp')).toBe('P1W');
  expect(new URL(page.url()).pathname).toBe('/d/cluster-overview');
  expect(searchParams(page).get('in.cluster')).toBe('acme-prod-eu');
  await expect(panel(page, 'throughput').locator('[data-annotations]')).toHaveAttribute('data-annotations', new RegExp(annotationId!));
  // A filter that leaves acme-prod-eu out takes the note off the charts (once the annotations are in).
  const answered = page.waitForResponse((r) => r.url().includes('/api/annotations?') && r.status() === 200);
  await openDashboard(page, 'cluster-overview', 'v=1&r=PT6H&tz=UTC&in.cluster=acme-prod-us');
  expect(JSON.stringify(await (await answered).json())).toContain(annotationId!);
  await expect(panel(page, 'throughput').locator('[data-annotations]')).not.toHaveAttribute('data-annotations', new RegExp(annotationId!));
});

test('on a phone the form opens from the view settings sheet and fits; a viewer sees annotations but cannot add them', async ({ page, context, browser }) => {
  test.setTimeout(300_000);
  await signInAsNewEditor(context, browser);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/d/cluster-overview?v=1&r=PT6H&tz=UTC');
  const opener = page.getByRole('button', { name: /View settings$/ });
  await opener.click();
  const sheet = page.getByRole('dialog', { name: 'View settings' });
  await annotate(page, `E2E note ${Date.now()}: phone`, sheet);
  expect(await overflow(page)).toBe(0);
  await sheet.getByRole('button', { name: 'Done' }).click();
  await expect(panel(page, 'throughput').getByRole('button', { name: /annotations? on / })).toBeVisible();
  expect(await overflow(page)).toBe(0);

  const viewer = await browser.newContext({ baseURL: APP_URL });
  await signIn(viewer, 'ops@acme.test');
  const theirs = await viewer.newPage();
  await openDashboard(theirs, 'cluster-overview', 'v=1&r=PT6H&tz=UTC');
  await expect(panel(theirs, 'throughput').getByRole('button', { name: /annotations? on / })).toBeVisible();
  await expect(theirs.getByRole('button', { name: 'Annotate' })).toHaveCount(0);
  await viewer.close();
});
