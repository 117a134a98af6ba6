import '@/lib/testing/fresh-database';
import { expect, it } from 'vitest';
import { getRuntime } from './runtime';
import { shutdownHooks } from './shutdown';

process.env.PULSE_LIVE = 'off';

it('drains, then closes: readiness is 503 at once, and the app-state database is closed after the background work stopped', async () => {
  const rt = await getRuntime();
  const hooks = shutdownHooks(rt);
  expect(hooks.drainMs).toBe(0);
  expect((await rt.readiness.check()).status).toBe('ready');
  hooks.drain();
  await expect(rt.readiness.check()).rejects.toMatchObject({ code: 'engine_unavailable', status: 503 });
  await hooks.close();
  await expect(rt.store.db.query('select 1')).rejects.toThrow();
  // Stopped: a report asked for now starts no round on the closed database.
  await expect(rt.reports.kick()).resolves.toBeUndefined();
});
