import 'server-only';
import nodemailer from 'nodemailer';
import { checkedAddress, type OutboundOptions } from './client';

/**
 * E-mail over the operator's SMTP server (nodemailer), for alert destinations now and scheduled
 * reports later (attachments). The SMTP host is checked by the outbound address policy like any
 * webhook: resolved once, checked, and connected to by that address (TLS still verifies the
 * certificate against the host's name). Failures are told as generic reasons, never the server's words.
 */
export type SmtpSettings = {
  host: string;
  port: number;
  /** true: TLS from the start (port 465); false: STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  pass?: string;
  /** The From address, e.g. `Pulseboard <alerts@example.com>`. */
  from: string;
};

export type MailAttachment = { filename: string; content: Buffer | string; contentType?: string };
export type Mail = { to: string[]; subject: string; text: string; html?: string; attachments?: MailAttachment[] };
export type MailFailure = 'blocked_address' | 'dns_failure' | 'connect_failed' | 'timeout' | 'smtp_rejected';
export type MailResult = { ok: true; messageId: string } | { ok: false; reason: MailFailure; status?: number };
export type Mailer = { send(mail: Mail): Promise<MailResult> };

/** Why nodemailer gave up, as one of our reasons; an SMTP reply code is kept (a status, like HTTP's). */
function failureOf(err: unknown): MailResult {
  const e = err as { code?: string; responseCode?: number };
  if (typeof e.responseCode === 'number') return { ok: false, reason: 'smtp_rejected', status: e.responseCode };
  if (e.code === 'ETIMEDOUT') return { ok: false, reason: 'timeout' };
  return { ok: false, reason: 'connect_failed' };
}

export function createMailer(smtp: SmtpSettings, opts: Pick<OutboundOptions, 'allowPrivate' | 'resolver' | 'isAllowedAddress' | 'timeoutMs'> = {}): Mailer {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    async send(mail) {
      const target = await checkedAddress(smtp.host, opts);
      if (typeof target === 'string') return { ok: false, reason: target };
      const transport = nodemailer.createTransport({
        host: target.address,
        port: smtp.port,
        secure: smtp.secure,
        auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
        // The certificate is checked against the configured name, not the address connected to.
        tls: { servername: smtp.host },
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      });
      try {
        const info = await transport.sendMail({ from: smtp.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, attachments: mail.attachments });
        return { ok: true, messageId: String(info.messageId) };
      } catch (err) {
        return failureOf(err);
      } finally {
        transport.close();
      }
    },
  };
}
