import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getRuntime } from '@/lib/runtime/runtime';
import { cookieFor } from '@/lib/testing/api-client';
import { apiFetch } from '@/lib/ui/api';
import * as queryRoute from './query/route';

process.env.PULSE_LIVE = 'off';

let acme: string;
beforeAll(async () => {
  await getRuntime();
  acme = await cookieFor('demo@acme.test');
});
afterEach(() => vi.unstubAllGlobals());

/** The browser's fetch, reaching the real route handler with the user's cookie; records what was sent and answered. */
function browserFetch(seen: { ifNoneMatch: string | null; status: number; cacheControl: string | null }[]) {
  return async (path: string, init: RequestInit) => {
    const req = new Request(`http://pulse.test${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: acme } });
    const res = await queryRoute.POST(req);
    seen.push({ ifNoneMatch: req.headers.get('if-none-match'), status: res.status, cacheControl: res.headers.get('cache-control') });
    return res;
  };
}

describe('the UI client revalidates panel answers with their ETag', () => {
  it('sends the ETag back, gets 304 for an unchanged answer and hands back the same body', async () => {
    const seen: Parameters<typeof browserFetch>[0] = [];
    vi.stubGlobal('fetch', browserFetch(seen));
    const body = { dashboard: 'cluster-overview', panel: 'throughput', view: { range: { start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z' }, tz: 'UTC' } };
    const first = await apiFetch<{ rows: unknown[] }>('/api/query', { body });
    // The first answer is a miss; a pinned interval's later answers are hits with a stable version.
    const second = await apiFetch<{ rows: unknown[] }>('/api/query', { body });
    const third = await apiFetch<{ rows: unknown[] }>('/api/query', { body });
    expect(seen[0]).toMatchObject({ ifNoneMatch: null, status: 200, cacheControl: 'private, no-cache' });
    expect(seen[1]!.ifNoneMatch).toMatch(/^W\/".+"$/);
    expect(seen[2]).toMatchObject({ status: 304, ifNoneMatch: expect.stringMatching(/^W\/"/) });
    expect(third).toEqual(second);
    expect(second.rows).toEqual(first.rows);
  });
});
