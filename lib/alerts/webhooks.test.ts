import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundClient } from '@/lib/outbound/client';
import { openTestAlertStore } from '@/lib/testing/alert-store';
import { WebhookRegistry } from './webhooks';

const DNS: Record<string, string[]> = { 'hooks.example.com': ['93.184.215.14'], 'rebind.example.com': ['127.0.0.1'], 'meta.example.com': ['::ffff:169.254.169.254'] };

let db: Awaited<ReturnType<typeof openTestAlertStore>>;
beforeAll(async () => {
  db = await openTestAlertStore();
});
afterAll(() => db?.close());

async function registry() {
  const client = createOutboundClient({
    resolver: async (h) => {
      const ips = DNS[h];
      if (!ips) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${h}`), { code: 'ENOTFOUND' });
      return ips.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
  });
  await db.clear();
  return new WebhookRegistry(db.alerts, client);
}

describe('WebhookRegistry', () => {
  it('refuses internal targets however they are spelled, with a 400 on the url', async () => {
    const r = await registry();
    for (const url of ['http://[::ffff:127.0.0.1]/', 'http://[::ffff:a9fe:a9fe]/', 'http://100.64.0.1/', 'http://[fec0::1]/', 'http://localhost./', 'http://rebind.example.com/', 'https://meta.example.com/']) {
      await expect(r.register('acme', url), url).rejects.toMatchObject({ code: 'invalid_input', path: 'url', message: 'the webhook must be a public address' });
    }
    for (const url of ['ftp://example.com/', 'https://u:p@hooks.example.com/', 'no url']) {
      await expect(r.register('acme', url), url).rejects.toMatchObject({ code: 'invalid_input', path: 'url' });
    }
    expect(await r.get('acme')).toBeUndefined();
  });

  it('registers a public target with a fresh secret, and a name that does not resolve yet', async () => {
    const r = await registry();
    const hook = await r.register('acme', 'https://hooks.example.com/pulse');
    expect(hook).toMatchObject({ url: 'https://hooks.example.com/pulse', secret: expect.stringMatching(/^[\w-]{32}$/) });
    expect(await r.get('acme')).toEqual(hook);
    expect((await r.register('globex', 'https://not-yet.example.org/hook')).url).toBe('https://not-yet.example.org/hook');
    expect(await r.remove('acme')).toBe(true);
    expect(await r.remove('acme')).toBe(false);
  });
});
