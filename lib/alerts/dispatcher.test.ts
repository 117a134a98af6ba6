import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookDispatcher } from './dispatcher';
import { SIGNATURE_HEADER, verify } from './signature';

let server: Server | undefined;
afterEach(() => server?.close());

/** A real receiver on loopback that answers with the scripted statuses in turn. */
async function receiver(statuses: number[]) {
  const received: { body: string; signature: string | undefined }[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ body, signature: req.headers[SIGNATURE_HEADER] as string | undefined });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

describe('WebhookDispatcher', () => {
  it('delivers a payload the receiver can verify with the shared secret', async () => {
    const { url, received } = await receiver([200]);
    const d = new WebhookDispatcher();
    d.enqueue('acme', { url, secret: 's3cret' }, { rule: 'login_spike', value: 180 });
    await d.idle();
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ rule: 'login_spike', value: 180, id: expect.any(String) });
    expect(verify('s3cret', received[0]!.body, received[0]!.signature!, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verify('other', received[0]!.body, received[0]!.signature!, Math.floor(Date.now() / 1000))).toBe(false);
    expect(verify('s3cret', `${received[0]!.body} `, received[0]!.signature!, Math.floor(Date.now() / 1000))).toBe(false);
    expect(d.recent('acme')[0]).toMatchObject({ outcome: 'delivered', status: 200, attempt: 1 });
  });

  it('retries with backoff until the receiver recovers, logging each attempt', async () => {
    const { url, received } = await receiver([500, 503, 200]);
    const d = new WebhookDispatcher({ backoffMs: [10, 20, 40] });
    d.enqueue('acme', { url, secret: 's' }, { n: 1 });
    await d.idle();
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => JSON.parse(r.body).id)).size).toBe(1);
    expect(d.recent('acme').map((l) => l.outcome)).toEqual(['delivered', 'retrying', 'retrying']);
  });

  it('gives up after the last retry and never blocks the caller', async () => {
    // A receiver that never answers: only the dispatcher's own timeout ends each attempt.
    const hang = ((_url: string, init: RequestInit) =>
      new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(new Error('timeout'))))) as typeof fetch;
    const d = new WebhookDispatcher({ backoffMs: [5], fetch: hang, timeoutMs: 20 });
    // enqueue is synchronous: it returns before any network work starts.
    expect(d.enqueue('acme', { url: 'http://127.0.0.1:9/hook', secret: 's' }, {})).toBe(true);
    expect(d.recent('acme')).toEqual([]);
    await d.idle();
    expect(d.recent('acme')[0]).toMatchObject({ outcome: 'failed', attempt: 2 });
  });

  it('drops beyond the per-tenant queue bound without affecting other tenants', async () => {
    const d = new WebhookDispatcher({ maxQueued: 2, backoffMs: [], fetch: (async () => new Response(null, { status: 200 })) as typeof fetch });
    const hook = { url: 'http://127.0.0.1:9/hook', secret: 's' };
    expect([d.enqueue('acme', hook, {}), d.enqueue('acme', hook, {}), d.enqueue('acme', hook, {})]).toEqual([true, true, false]);
    expect(d.enqueue('globex', hook, {})).toBe(true);
    await d.idle();
    expect(d.recent('acme').filter((l) => l.outcome === 'dropped')).toHaveLength(1);
    expect(d.recent('globex')).toHaveLength(1);
  });
});
