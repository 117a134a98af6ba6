import { expect, test, type Page } from '@playwright/test';
import { openDashboard, panel, panelsSettled, searchParams, seriousViolations, signIn } from './helpers';

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('what changed: a KPI’s change ranked by the values that moved it, one of which filters the dashboard', async ({ page, context }) => {
  // Two accessibility scans, a drill-down and a reload at phone size: more than the default minute on a busy machine.
  test.setTimeout(120_000);
  await signIn(context, 'demo@acme.test');
  await openDashboard(page, 'api-traffic', 'cmp=P1D');
  const open = panel(page, 'kpis').getByRole('button', { name: 'What changed?' });
  await open.click();
  const dialog = page.getByRole('dialog', { name: 'What changed: At a glance' });
  await expect(dialog).toBeVisible();
  // Answered, then ranked: on failure, the dialog's whole text says which state it stayed in.
  await expect(dialog.getByText('Working out what changed…')).toHaveCount(0, { timeout: 30_000 });
  await expect(dialog).toContainText('Largest parts of the change');
  await expect(dialog.getByRole('heading', { name: 'Largest parts of the change' })).toBeVisible();
  await expect(dialog.getByText(/^Requests .+ → .+, day before \(/)).toBeVisible();
  // The ratio too, from the dialog's own measure choice.
  await dialog.getByRole('combobox', { name: 'Measure' }).selectOption({ label: 'Server error rate' });
  await expect(dialog.getByText('A rate: each value’s part comes from its numerator and from its denominator.')).toBeVisible();
  await expect(dialog.getByText(/ pp from numerator, .+ pp from denominator/).first()).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), colorScheme).toEqual([]);
  }

  // Escape closes it and gives focus back to the button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();

  // Choosing a value filters the dashboard to it.
  await open.press('Enter');
  const first = dialog.getByRole('list').first().getByRole('button').first();
  const [dimension, value] = (await first.textContent())!.split(': ');
  await first.click();
  await expect(dialog).toBeHidden();
  await panelsSettled(page);
  const kept = [...searchParams(page).entries()].filter(([key]) => key.startsWith('in.')).map(([, v]) => v);
  expect(kept, `${dimension} = ${value}`).toContain(value);

  // A phone: the dialog is a sheet within the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await panelsSettled(page);
  await expect.poll(() => overflow(page)).toBe(0);
  await panel(page, 'kpis').getByRole('button', { name: 'What changed?' }).click();
  await expect(dialog.getByRole('heading', { name: 'Largest parts of the change' })).toBeVisible();
  expect(await overflow(page)).toBe(0);
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
});
