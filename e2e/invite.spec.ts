import { expect, test } from '@playwright/test';
import { seriousViolations, signIn } from './helpers';
import { APP_URL } from './oidc-settings';

test('an invitee opens the link in a fresh browser, joins with the keyboard and lands signed in with the granted role; a second tenant appears in the switcher', async ({ page, context, browser }) => {
  test.setTimeout(120_000);
  // The e2e server keeps its database between runs: each run invites an address of its own.
  const invitee = `invitee.${Date.now()}@example.test`;
  await signIn(context, 'demo@initech.test');
  await page.goto('/admin');
  const users = page.getByRole('region', { name: 'Users' });
  await users.getByLabel('Email').fill(invitee);
  await users.getByLabel('Role', { exact: true }).selectOption('editor');
  await users.getByRole('button', { name: 'Invite' }).click();
  const link = await users.getByLabel('Invitation link').inputValue();
  // The token is in the fragment: never sent to a server, so never in a log or a Referer.
  expect(link).toMatch(/\/invite#[\w-]{32}$/);

  const fresh = await browser.newContext({ baseURL: APP_URL });
  const invitePage = await fresh.newPage();
  const requested: string[] = [];
  invitePage.on('request', (r) => requested.push(r.url()));
  await invitePage.goto(link);
  await expect(invitePage.getByRole('heading', { name: 'Join Initech' })).toBeVisible();
  await expect(invitePage.getByText(`You are invited as editor (${invitee})`)).toBeVisible();
  expect(await seriousViolations(invitePage)).toEqual([]);
  const token = link.split('#')[1]!;
  expect(requested.filter((url) => url.includes(token))).toEqual([]);

  // Keyboard only: the fields in order, a mismatch named, then Enter joins.
  await invitePage.getByLabel('Your name').focus();
  await invitePage.keyboard.type('Ivy Invitee');
  await invitePage.keyboard.press('Tab');
  await expect(invitePage.getByLabel('Choose a password')).toBeFocused();
  await invitePage.keyboard.type('a good password');
  await invitePage.keyboard.press('Tab');
  await expect(invitePage.getByLabel('Repeat the password')).toBeFocused();
  await invitePage.keyboard.type('another password');
  await invitePage.keyboard.press('Enter');
  await expect(invitePage.locator('main').getByRole('alert')).toHaveText('The two passwords differ.');
  await invitePage.getByLabel('Repeat the password').fill('');
  await invitePage.getByLabel('Repeat the password').focus();
  await invitePage.keyboard.type('a good password');
  await invitePage.keyboard.press('Enter');
  await expect(invitePage).toHaveURL(/\/$/);
  await expect(invitePage.getByRole('heading', { name: 'Dashboards' })).toBeVisible();
  expect((await (await invitePage.request.get('/api/session')).json()).user).toEqual({ email: invitee, tenant: 'initech', tenantName: 'Initech', role: 'editor' });

  // The used link, and a made-up one, get a clear page.
  for (const url of [link, '/invite#not-a-real-invitation-token-at-all']) {
    const other = await browser.newContext({ baseURL: APP_URL });
    const p = await other.newPage();
    await p.goto(url);
    await expect(p.getByRole('heading', { name: 'This invitation cannot be used' })).toBeVisible();
    await other.close();
  }

  // Globex invites the same person: they have an account, so they join without being signed in by the link…
  const globex = await browser.newContext({ baseURL: APP_URL });
  await signIn(globex, 'demo@globex.test');
  const second = await (await globex.request.post('/api/admin/invitations', { data: { email: invitee, role: 'viewer' } })).json();
  await globex.close();
  await invitePage.goto(`/invite#${second.token}`);
  await invitePage.getByRole('button', { name: 'Join Globex' }).click();
  await expect(invitePage.getByRole('heading', { name: 'You joined Globex' })).toBeVisible();

  // …and switch to it from their account menu, with the role Globex gave them.
  await invitePage.goto('/');
  await invitePage.getByRole('button', { name: `Account: ${invitee}` }).click();
  await invitePage.getByRole('navigation', { name: 'Switch organisation' }).getByRole('button', { name: 'Globex (viewer)' }).click();
  await expect(invitePage.getByText('Live views of Globex’s streaming platform', { exact: false })).toBeVisible();
  expect((await (await invitePage.request.get('/api/session')).json()).user).toEqual({ email: invitee, tenant: 'globex', tenantName: 'Globex', role: 'viewer' });
  await fresh.close();
});
