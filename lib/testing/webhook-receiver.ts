import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DELIVERY_HEADER, SIGNATURE_HEADER } from '@/lib/alerts/signature';

export type ReceivedHook = { id: string; signature: string; body: string; at: number };

/**
 * A webhook receiver as a customer would run one, on loopback: it records every request
 * (`raw`, duplicates included) and accepts each delivery id once (`accepted`), deduplicating
 * by the x-pulse-delivery header. `respond` decides each answer (default 200 at once).
 */
export async function startWebhookReceiver(respond: (req: IncomingMessage, res: ServerResponse, n: number) => void = (_q, res) => res.writeHead(200).end(), host = '127.0.0.1') {
  const raw: ReceivedHook[] = [];
  const accepted = new Map<string, ReceivedHook>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const hook = { id: String(req.headers[DELIVERY_HEADER] ?? ''), signature: String(req.headers[SIGNATURE_HEADER] ?? ''), body, at: Date.now() };
      raw.push(hook);
      res.on('finish', () => {
        if (res.statusCode < 300 && !accepted.has(hook.id)) accepted.set(hook.id, hook);
      });
      respond(req, res, raw.length);
    });
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  const url = `http://${host}:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    raw,
    accepted,
    close: () => new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    }),
  };
}
