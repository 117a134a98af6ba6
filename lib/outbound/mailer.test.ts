import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpReceiver } from '@/lib/testing/smtp-receiver';
import { createMailer } from './mailer';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function receiver(opts?: Parameters<typeof startSmtpReceiver>[0]) {
  const r = await startSmtpReceiver(opts);
  cleanups.push(r.close);
  return r;
}

const smtp = (port: number, host = '127.0.0.1') => ({ host, port, secure: false, from: 'Pulseboard <alerts@pulse.test>' });

describe('createMailer', () => {
  it('sends subject, text, HTML and an attachment that a mail client reads back', async () => {
    const r = await receiver();
    const mailer = createMailer(smtp(r.port), { allowPrivate: true });
    const pdf = Buffer.from('%PDF-1.7 a report');
    const res = await mailer.send({ to: ['ops@acme.test', 'cto@acme.test'], subject: 'Weekly report', text: 'See the chart: https://pulse.test/d/x', html: '<p><a href="https://pulse.test/d/x">chart</a></p>', attachments: [{ filename: 'report.pdf', content: pdf, contentType: 'application/pdf' }] });
    expect(res.ok).toBe(true);
    const [mail] = r.mails;
    expect(mail!.subject).toBe('Weekly report');
    expect(mail!.from?.value).toEqual([{ name: 'Pulseboard', address: 'alerts@pulse.test' }]);
    expect(mail!.envelopeTo).toEqual(['ops@acme.test', 'cto@acme.test']);
    expect(mail!.text).toContain('https://pulse.test/d/x');
    expect(mail!.html).toContain('<a href="https://pulse.test/d/x">chart</a>');
    expect(mail!.attachments.map((a) => [a.filename, a.contentType, a.content.equals(pdf)])).toEqual([['report.pdf', 'application/pdf', true]]);
  });

  it('refuses an SMTP host at a loopback address under the default policy, sending nothing', async () => {
    const r = await receiver();
    expect(await createMailer(smtp(r.port)).send({ to: ['a@acme.test'], subject: 's', text: 't' })).toEqual({ ok: false, reason: 'blocked_address' });
    expect(await createMailer(smtp(r.port, 'localhost')).send({ to: ['a@acme.test'], subject: 's', text: 't' })).toEqual({ ok: false, reason: 'blocked_address' });
    expect(r.offered()).toBe(0);
  });

  it('refuses a name that resolves to a private address, and connects to the checked address of one allowed', async () => {
    const r = await receiver();
    const lookups: string[] = [];
    const resolver = async (name: string) => (lookups.push(name), [{ address: '127.0.0.1', family: 4 }]);
    const refused = createMailer(smtp(r.port, 'mail.example.test'), { resolver });
    expect(await refused.send({ to: ['a@acme.test'], subject: 's', text: 't' })).toEqual({ ok: false, reason: 'blocked_address' });
    // A policy that takes loopback for public: the name is resolved once, by us, and that address is used.
    const allowed = createMailer(smtp(r.port, 'mail.example.test'), { resolver, isAllowedAddress: (ip) => ip === '127.0.0.1' });
    expect((await allowed.send({ to: ['a@acme.test'], subject: 'pinned', text: 't' })).ok).toBe(true);
    expect(lookups).toEqual(['mail.example.test', 'mail.example.test']);
    expect(r.mails.map((m) => m.subject)).toEqual(['pinned']);
  });

  it('tells a rejected message by its SMTP code and an unreachable server generically', async () => {
    const r = await receiver({ reject: () => 451 });
    expect(await createMailer(smtp(r.port), { allowPrivate: true }).send({ to: ['a@acme.test'], subject: 's', text: 't' })).toEqual({ ok: false, reason: 'smtp_rejected', status: 451 });
    await r.close();
    cleanups.length = 0;
    expect(await createMailer(smtp(r.port), { allowPrivate: true, timeoutMs: 2_000 }).send({ to: ['a@acme.test'], subject: 's', text: 't' })).toEqual({ ok: false, reason: 'connect_failed' });
  });
});
