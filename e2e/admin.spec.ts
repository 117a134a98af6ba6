import { createRequire } from 'node:module';
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

test('a tenant admin invites someone with the keyboard alone and sees it in the audit log after a reload', async ({ page, context }) => {
  // The e2e server keeps its database between runs: each run invites an address of its own.
  const invitee = `analyst.${Date.now()}@globex.test`;
  await signIn(context, 'demo@globex.test');
  await page.goto('/admin');
  const users = page.getByRole('region', { name: 'Users' });
  await expect(users.getByRole('cell', { name: 'demo@globex.test' })).toBeVisible();

  // Keyboard only: the invite form is reachable and submits with Enter.
  await users.getByLabel('Email').focus();
  await page.keyboard.type(invitee);
  await page.keyboard.press('Tab');
  await expect(users.getByLabel('Role', { exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(users.getByRole('button', { name: 'Invite' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(users.getByRole('status')).toContainText(`Invitation for ${invitee}`);
  await expect(users.getByText(`${invitee} as viewer`)).toBeVisible();

  const audit = page.getByRole('region', { name: 'Audit log' });
  await page.reload();
  await expect(audit.getByRole('row').filter({ hasText: invitee }).getByRole('cell', { name: 'user invited' })).toBeVisible();
  await expect(audit.getByRole('cell', { name: 'sign in' }).first()).toBeVisible();

  await page.addScriptTag({ path: AXE });
  const serious = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
    return (await axe.run(document)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
  expect(serious).toEqual([]);
});

test('a viewer gets the admins-only page, and the admin API refuses them', async ({ page, context }) => {
  await signIn(context, 'ops@acme.test');
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Admins only' })).toBeVisible();
  expect((await context.request.get('/api/admin/users')).status()).toBe(403);
});
