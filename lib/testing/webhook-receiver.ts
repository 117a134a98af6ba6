import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DELIVERY_HEADER, SIGNATURE_HEADER } from '@/lib/alerts/signature';

export type ReceivedHook = { id: string; signature: string; body: string; at: number };
/** The answer to the n-th request (1-based): a status (and body) after an optional delay, or none at all. */
export type ReceiverPlan = (n: number) => { status: number; delayMs?: number; body?: string } | 'hang';

/**
 * A webhook receiver as a customer would run one, on loopback. It records every request in
 * `raw` (retries and duplicates included) and accepts each delivery once, deduplicating by the
 * x-pulse-delivery id the moment it decides to answer 2xx (`accepted`), as a real receiver
 * processes an event before it answers; a repeat of an accepted id is answered 200 and ignored.
 */
export async function startWebhookReceiver(plan: ReceiverPlan = () => ({ status: 200 }), host = '127.0.0.1', port = 0) {
  const raw: ReceivedHook[] = [];
  const accepted = new Map<string, ReceivedHook>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const hook = { id: String(req.headers[DELIVERY_HEADER] ?? ''), signature: String(req.headers[SIGNATURE_HEADER] ?? ''), body, at: Date.now() };
      raw.push(hook);
      const answer = plan(raw.length);
      if (answer === 'hang') return;
      // A repeat of an accepted delivery is acknowledged and ignored.
      const status = accepted.has(hook.id) ? 200 : answer.status;
      if (status < 300 && !accepted.has(hook.id)) accepted.set(hook.id, hook);
      setTimeout(() => res.writeHead(status).end(answer.body), answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(port, host, r));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}/hook`,
    raw,
    accepted,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
