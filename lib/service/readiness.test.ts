import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { Readiness } from './readiness';

function probe(latest: () => Promise<number | null>) {
  let now = 1_000_000;
  let calls = 0;
  const readiness = new Readiness(
    { engine: { name: 'embedded' } as never, freshness: { until: async () => 0, latest: () => (calls++, latest()) } },
    { ttlMs: 5_000, now: () => now },
  );
  return { readiness, calls: () => calls, advance: (ms: number) => (now += ms) };
}

describe('readiness', () => {
  it('asks the engine at most once per ttl however many probes arrive', async () => {
    const p = probe(async () => 999_000);
    const answers = await Promise.all(Array.from({ length: 100 }, () => p.readiness.check()));
    const datasources = p.calls();
    expect(datasources).toBeGreaterThan(0);
    expect(answers[0]).toMatchObject({ status: 'ready', engine: 'embedded', checkedAt: new Date(1_000_000).toISOString() });
    expect(Object.values(answers[0]!.datasources)[0]).toEqual({ dataUntil: new Date(999_000).toISOString(), lagSeconds: 1 });
    p.advance(4_999);
    await p.readiness.check();
    expect(p.calls()).toBe(datasources);
    p.advance(1);
    await p.readiness.check();
    expect(p.calls()).toBe(2 * datasources);
  });

  it('is engine_unavailable (503) when the engine does not answer, and keeps that for the ttl too', async () => {
    const p = probe(async () => {
      throw new Error('connection refused');
    });
    const err = await p.readiness.check().catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('engine_unavailable');
    expect((err as Error).message).not.toContain('refused');
    const calls = p.calls();
    await p.readiness.check().catch(() => undefined);
    expect(p.calls()).toBe(calls);
  });

  it('is 503 from the moment the instance drains, without asking the engine', async () => {
    const p = probe(async () => 999_000);
    await p.readiness.check();
    const calls = p.calls();
    p.readiness.drain();
    p.advance(10_000);
    const err = await p.readiness.check().catch((e: unknown) => e);
    expect(isAppError(err) && [err.code, err.status]).toEqual(['engine_unavailable', 503]);
    expect((err as Error).message).toContain('shutting down');
    expect(p.calls()).toBe(calls);
  });
});
