import { expect, test, type Page } from '@playwright/test';
import { DASHBOARDS, openDashboard, panel, panelsSettled, signIn } from './helpers';

async function shareLinks(page: Page) {
  await page.getByRole('button', { name: 'Share' }).click();
  const pinned = page.locator('[data-share="pinned"] input');
  await expect(pinned).toHaveValue(/from=/);
  const links = { relative: await page.locator('[data-share="relative"] input').inputValue(), pinned: await pinned.inputValue() };
  await page.keyboard.press('Escape');
  return links;
}

const kpiText = (page: Page) => panel(page, 'kpis').locator('dd').allInnerTexts();

test('a pinned link opens the same view with the same numbers for a colleague', async ({ page, context, browser }) => {
  await signIn(context, 'demo@acme.test');
  await openDashboard(page, 'security-logins', 'v=1&r=PT6H&tz=Asia%2FTokyo&cmp=P1D&in.result=failure');
  const links = await shareLinks(page);
  expect(new URL(links.relative).search).toBe('?v=1&r=PT6H&tz=Asia%2FTokyo&cmp=P1D&in.result=failure');
  const pinnedView = new URL(links.pinned).searchParams;
  expect(pinnedView.has('r')).toBe(false);
  expect(Date.parse(pinnedView.get('to')!) - Date.parse(pinnedView.get('from')!)).toBe(6 * 3_600_000);
  expect(pinnedView.getAll('in.result')).toEqual(['failure']);

  await page.goto(links.pinned);
  await panelsSettled(page);
  const mine = await kpiText(page);

  const colleague = await browser.newContext();
  try {
    await signIn(colleague, 'ops@acme.test');
    const theirs = await colleague.newPage();
    await theirs.goto(links.pinned);
    await panelsSettled(theirs);
    expect(theirs.url()).toBe(links.pinned);
    const range = (p: Page) => p.getByRole('button', { name: /^Time range:/ });
    await expect(range(theirs)).toHaveAttribute('aria-label', (await range(page).getAttribute('aria-label'))!);
    await expect(theirs.getByRole('button', { name: 'Time zone: Asia/Tokyo UTC+09:00' })).toBeVisible();
    await expect(theirs.getByRole('button', { name: 'Remove filter: Result is failure' })).toBeVisible();
    expect(await kpiText(theirs)).toEqual(mine);
  } finally {
    await colleague.close();
  }
});

test('another organisation never sees acme data on any dashboard', async ({ page, context }) => {
  test.slow(); // it opens every dashboard and every chart's table
  await signIn(context, 'demo@globex.test');
  const leaks: string[] = [];
  let inspected = 0;
  // Every answer is read before the page gets it, so none escapes the check by a navigation;
  // so is every dashboard document, which carries its first view's answers.
  await page.route(/\/api\/(query|values)$|\/d\/[\w-]+(\?|$)/, async (route) => {
    let res;
    try {
      res = await route.fetch();
    } catch {
      // The page moved on and the request was dropped: no body reached the page.
      return route.abort().catch(() => {});
    }
    const text = await res.text();
    inspected++;
    if (/acme/i.test(text)) leaks.push(route.request().url());
    await route.fulfill({ response: res, body: text }).catch(() => {});
  });
  for (const d of DASHBOARDS) {
    await openDashboard(page, d.id);
    for (const chart of d.panels.filter((p) => p.type === 'timeseries' || p.type === 'topn')) {
      await panel(page, chart.id).getByRole('button', { name: 'Table' }).click();
    }
    await expect(page.getByTitle('Your organisation')).toHaveText('Globex');
    expect(await page.locator('body').innerText(), `${d.id} shows no acme value`).not.toMatch(/acme/i);
  }
  expect(inspected).toBeGreaterThan(10);
  expect(leaks).toEqual([]);
});

test('another organisation opening an acme link is told why it is empty', async ({ page, context, browser }) => {
  await signIn(context, 'demo@globex.test');
  // An acme user shares a filtered view; globex opens it.
  const acme = await browser.newContext();
  let link: string;
  try {
    await signIn(acme, 'demo@acme.test');
    const acmePage = await acme.newPage();
    await openDashboard(acmePage, 'cluster-overview', 'v=1&r=PT6H&tz=UTC&in.cluster=acme-prod-us');
    link = (await shareLinks(acmePage)).relative;
  } finally {
    await acme.close();
  }
  await page.goto(link);
  await panelsSettled(page);
  const notice = page.getByTestId('missing-values');
  await expect(notice).toContainText('Globex’s data has nothing for Cluster “acme-prod-us”');
  await expect(panel(page, 'throughput')).toHaveAttribute('data-state', 'empty');
  await expect(panel(page, 'throughput')).toContainText('No data for this view');
  await notice.getByRole('button', { name: 'Remove this value' }).click();
  await expect(notice).toHaveCount(0);
  await panelsSettled(page);
  await expect(panel(page, 'throughput')).toHaveAttribute('data-state', 'ready');
});
