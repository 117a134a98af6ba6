import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getRuntime, type Runtime } from '@/lib/runtime/runtime';
import { Admission } from '@/lib/service/admission';
import { api, cookieFor, type Reply } from '@/lib/testing/api-client';

process.env.PULSE_LIVE = 'off';

let rt: Runtime;
let shared: Admission;
let globex: string;
beforeAll(async () => {
  rt = await getRuntime();
  shared = rt.admission;
  globex = await cookieFor('demo@globex.test');
});
afterEach(() => {
  vi.restoreAllMocks();
  rt.admission = shared;
});

/**
 * The tenant's one running slot and one queue place taken by work that waits for `release`:
 * whatever else the tenant asks of the engine now is beyond its share.
 */
async function saturate(tenant: string): Promise<() => void> {
  const tight = new Admission({ maxRunning: 4, maxRunningPerTenant: 1, maxQueued: 8, maxQueuedPerTenant: 1 });
  rt.admission = tight;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const held = [tight.run(tenant, () => gate), tight.run(tenant, () => gate)];
  await vi.waitFor(() => expect(tight.stats()).toEqual({ running: 1, queued: 1 }));
  return () => {
    release();
    return Promise.all(held);
  };
}

const cold = () => ({ dashboard: 'security-logins', dim: 'country', search: randomUUID(), view: { range: { last: 'P1D' } } });

const BURSTS: [name: string, send: () => Promise<Reply>][] = [
  ['GET /api/alerts', () => api.alerts(globex, 'Europe/Berlin')],
  ['POST /api/values', () => api.values(cold(), globex)],
  ['PUT /api/webhook', () => api.registerWebhook('https://hooks.example.com/pulse', globex)],
  ['DELETE /api/webhook', () => api.removeWebhook(globex)],
];

describe('every tenant endpoint inside admission: beyond its share, a burst is 429 with Retry-After, never 500', () => {
  for (const [name, send] of BURSTS) {
    it(name, async () => {
      vi.spyOn(rt.webhooks, 'register').mockImplementation(async (_tenant, url) => ({ url, createdAt: new Date().toISOString(), secret: 'whsec_test' }));
      vi.spyOn(rt.webhooks, 'remove').mockResolvedValue(true);
      rt.cache.clear();
      const release = await saturate('globex');
      const replies = await Promise.all(Array.from({ length: 20 }, send));
      for (const r of replies) {
        expect(r.status, JSON.stringify(r.body)).toBe(429);
        expect(r.body.error.code).toBe('rate_limited');
        expect(r.headers.get('retry-after')).toBe('1');
      }
      await release();
      // With the share free again the same request is answered.
      expect((await send()).status).toBe(200);
    });
  }
});
