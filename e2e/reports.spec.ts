import { expect, test } from '@playwright/test';
import { verify } from '@/lib/alerts/signature';
import { startSmtpReceiver } from '@/lib/testing/smtp-receiver';
import { startWebhookReceiver } from '@/lib/testing/webhook-receiver';
import { seriousViolations, signIn } from './helpers';
import { APP_PORT } from './oidc-settings';

/**
 * Scheduled reports end to end: the app (with its SMTP settings pointing at PORT + 60) draws real
 * PDFs in the server's Chromium and sends them to an SMTP server and a webhook receiver
 * this test starts on loopback.
 */
test('a user schedules the dashboard weekly by e-mail, sends it now and the PDF arrives; a PDF report to the webhook fails, says so, and is sent again', async ({ page, context }) => {
  test.setTimeout(180_000);
  const smtp = await startSmtpReceiver({ port: APP_PORT + 60 });
  // The webhook answers 500 to the first run's four attempts, then accepts.
  const hook = await startWebhookReceiver((n) => ({ status: n <= 4 ? 500 : 200 }), '127.0.0.1', APP_PORT + 70);
  const created: string[] = [];
  try {
    await signIn(context, 'demo@initech.test');
    const registered = await context.request.put('/api/webhook', { data: { url: hook.url } });
    expect(registered.status()).toBe(200);
    const { secret } = (await registered.json()) as { secret: string };

    // From the dashboard: Schedule, weekly on Friday at 07:30, to the user's own address (the default).
    await page.goto('/d/cluster-overview?v=1&r=P1D&tz=Europe%2FBerlin');
    await page.getByRole('button', { name: 'Schedule Cluster overview as a report' }).click();
    const form = page.getByRole('form', { name: 'Schedule a report' });
    const name = `Weekly overview ${Date.now()}`;
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('How often').selectOption('week');
    await form.getByLabel('Day of week').selectOption({ label: 'Friday' });
    await form.getByLabel('Time', { exact: true }).fill('07:30');
    await expect(form.getByLabel('Time zone')).toHaveValue('Europe/Berlin');
    await expect(form.getByLabel('Recipients (members of your organisation)')).toHaveValue('demo@initech.test');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Schedule' }).click();
    const done = page.getByRole('status').filter({ hasText: `Scheduled “${name}”` });
    await expect(done).toContainText('Fridays at 07:30 (Europe/Berlin)');
    await expect(done).toContainText(/First sent Fri \d+ \w+, 07:30/);

    await done.getByRole('link', { name: 'Manage your reports' }).click();
    await expect(page).toHaveURL(/\/reports$/);
    const row = page.getByRole('row').filter({ hasText: name });
    created.push(...(await (await context.request.get('/api/reports')).json()).reports.filter((r: { name: string }) => r.name === name).map((r: { id: string }) => r.id));
    await expect(row.getByTestId('report-status')).toHaveText('Not sent yet');
    await expect(row).toContainText('E-mail to demo@initech.test');
    await row.getByRole('button', { name: `Send now: ${name}` }).click();
    await expect(row.getByTestId('report-status')).toContainText('Sent', { timeout: 90_000 });

    const mail = smtp.mails.find((m) => m.subject === `[Pulseboard] ${name}`);
    expect(mail?.envelopeTo).toEqual(['demo@initech.test']);
    expect(mail!.text).toContain(`Your scheduled report “${name}” is attached.`);
    const [pdf] = mail!.attachments;
    expect(pdf!.contentType).toBe('application/pdf');
    expect(pdf!.filename).toMatch(/^cluster-overview-\d{4}-\d\d-\d\dT\d{4}\.pdf$/);
    expect(pdf!.content.subarray(0, 5).toString()).toBe('%PDF-');
    // A drawn dashboard, not an empty page: its charts make it tens of kilobytes.
    expect(pdf!.content.length).toBeGreaterThan(20_000);

    // A PDF of another dashboard to the webhook (scheduled through the API): the receiver fails it four times.
    const toHook = await context.request.post('/api/reports', {
      data: { name: `Topics ${Date.now()}`, dashboard: 'topics-clients', view: { range: { last: 'PT1H' } }, every: 'day', at: '06:00', tz: 'UTC', channel: { kind: 'webhook' } },
    });
    expect(toHook.status()).toBe(200);
    const report = (await toHook.json()).report as { id: string; name: string };
    created.push(report.id);
    await page.reload();
    const hookRow = page.getByRole('row').filter({ hasText: report.name });
    await expect(hookRow).toContainText('Your organisation’s webhook');
    await hookRow.getByRole('button', { name: `Send now: ${report.name}` }).click();
    await expect(hookRow.getByTestId('report-status')).toHaveText('Failed: The webhook answered with an error status.', { timeout: 90_000 });
    expect(hook.raw).toHaveLength(4);

    await hookRow.getByRole('button', { name: `Send now: ${report.name}` }).click();
    await expect(hookRow.getByTestId('report-status')).toContainText('Sent', { timeout: 90_000 });
    const got = hook.raw.at(-1)!;
    expect(verify(secret, got.body, got.signature, Math.floor(Date.now() / 1000))).toBe(true);
    const body = JSON.parse(got.body) as { id: string; type: string; report: { id: string }; format: string; panel: string | null; file: { name: string; contentType: string; bytes: number; base64: string } };
    expect(got.id).toBe(body.id);
    expect(body).toMatchObject({ type: 'report', report: { id: report.id }, format: 'pdf', panel: null, file: { contentType: 'application/pdf' } });
    expect(body.file.name).toMatch(/^topics-clients-\d{4}-\d\d-\d\dT\d{4}\.pdf$/);
    const file = Buffer.from(body.file.base64, 'base64');
    expect(file.length).toBe(body.file.bytes);
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.length).toBeGreaterThan(20_000);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await seriousViolations(page), colorScheme).toEqual([]);
    }
  } finally {
    // The e2e server keeps its database between runs: leave no reports (each person may keep 20).
    for (const id of created) await context.request.delete(`/api/reports/${id}`);
    await context.request.delete('/api/webhook');
    await Promise.all([smtp.close(), hook.close()]);
  }
});
