import { createServer } from 'node:http';
import { expect, test } from '@playwright/test';
import { APP_PORT } from './oidc-settings';
import { seriousViolations, signIn } from './helpers';

/** A Slack incoming webhook stand-in on loopback (the e2e server allows private addresses): it records what it is sent. */
const RECEIVER_PORT = APP_PORT + 90;

test('an admin adds a Slack destination with the keyboard, sends a test, and sees it delivered', async ({ page, context }) => {
  const received: { text: string; blocks: unknown[] }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(RECEIVER_PORT, '127.0.0.1', r));
  try {
    // The e2e server keeps its database between runs: each run adds a destination of its own.
    const name = `Ops channel ${Date.now()}`;
    await signIn(context, 'demo@globex.test');
    await page.goto('/admin');
    const section = page.getByRole('region', { name: 'Alert destinations' });
    await expect(section.getByRole('form', { name: 'Add a destination' })).toBeVisible();

    // Keyboard only: name, zone, URL, severities, submit.
    await section.getByLabel('Name').focus();
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await expect(section.getByLabel('Time zone')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(section.getByLabel('Slack incoming-webhook URL')).toBeFocused();
    await page.keyboard.type(`http://127.0.0.1:${RECEIVER_PORT}/services/T0/B0/x`);
    await page.keyboard.press('Tab');
    await expect(section.getByRole('checkbox', { name: 'info' })).toBeFocused();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(section.getByRole('button', { name: 'Add destination' })).toBeFocused();
    await page.keyboard.press('Enter');

    const row = section.getByRole('row').filter({ hasText: name });
    await expect(row).toBeVisible();
    await expect(row.getByRole('cell', { name: 'info, warning, critical' })).toBeVisible();
    await expect(row.getByRole('cell', { name: 'Nothing sent yet' })).toBeVisible();
    // The stored URL is masked.
    await expect(row).not.toContainText('/T0/B0/x');

    await row.getByRole('button', { name: `Send test to ${name}` }).click();
    await expect(section.getByRole('status')).toContainText(`Test message queued for ${name}.`);
    await expect(row.getByTestId('destination-status')).toContainText('Delivered', { timeout: 15_000 });
    expect(received.at(-1)!.text).toMatch(/^Test from Pulseboard \(globex\)/);

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await seriousViolations(page), colorScheme).toEqual([]);
    }
    // At a phone's width nothing in the section overflows it, and it does not make the page wider
    // than 390 px or than the page is without it (the page's other sections set their own widths).
    await page.setViewportSize({ width: 390, height: 844 });
    const widths = await section.evaluate((el) => {
      const page = document.documentElement;
      const withIt = page.scrollWidth;
      (el as HTMLElement).style.display = 'none';
      const without = page.scrollWidth;
      (el as HTMLElement).style.display = '';
      return { withIt, without, overflow: el.scrollWidth - el.clientWidth };
    });
    expect(widths.overflow).toBeLessThanOrEqual(1);
    expect(widths.withIt).toBeLessThanOrEqual(Math.max(390, widths.without));
    await page.screenshot({ path: 'e2e/artifacts/admin-destinations-390.png', fullPage: true });

    await row.getByRole('button', { name: `Remove ${name}` }).click();
    await expect(row).toHaveCount(0);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});
