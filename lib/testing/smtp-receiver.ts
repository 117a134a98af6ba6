import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * An SMTP server on loopback (smtp-server) that parses every message it accepts (mailparser):
 * the tests read the subject, bodies, recipients and attachments as a mail client would.
 * `reject(n)` answers the n-th message (1-based) with a 4xx/5xx instead of accepting it.
 */
export async function startSmtpReceiver(opts: { reject?: (n: number) => number | undefined; port?: number } = {}) {
  const mails: (ParsedMail & { envelopeTo: string[] })[] = [];
  let seen = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const n = ++seen;
      simpleParser(stream).then(
        (mail) => {
          const code = opts.reject?.(n);
          if (code) return callback(Object.assign(new Error('try again later'), { responseCode: code }));
          mails.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((r) => r.address) }));
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    /** Messages offered, accepted or not. */
    offered: () => seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
