import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, setLogger } from '@/lib/metrics/log';
import { getRuntime } from '@/lib/runtime/runtime';
import { api, cookieFor } from '@/lib/testing/api-client';

process.env.PULSE_LIVE = 'off';

const written: string[] = [];
let previous: Logger;
let acme: string;

beforeAll(async () => {
  await getRuntime();
  previous = setLogger(createLogger({ write: (line: string) => void written.push(line) }, 'info'));
  acme = await cookieFor('demo@acme.test');
});
afterAll(() => void setLogger(previous));

/** The request lines logged since `mark`, parsed. */
const requestLines = (mark: number) => written.slice(mark).map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');

describe('one structured log line per request', () => {
  it('names the request, tenant, dashboard, panel, cache outcome and engine time of a query, and none of its secrets or values', async () => {
    const mark = written.length;
    const needle = `needle-${randomUUID()}`;
    const body = { dashboard: 'security-logins', panel: 'kpis', view: { range: { last: 'P1D' }, filters: [{ dim: 'country', op: 'in', values: [needle] }] } };
    const r = await api.rawQuery(
      new Request('http://pulse.test/api/query', { method: 'POST', headers: { 'content-type': 'application/json', cookie: acme, 'x-request-id': 'trace-42' }, body: JSON.stringify(body) }),
    );
    expect(r.status).toBe(200);
    const [line, ...more] = requestLines(mark);
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: 'info',
      requestId: 'trace-42',
      method: 'POST',
      route: 'query',
      status: 200,
      tenant: 'acme',
      dashboard: 'security-logins',
      panel: 'kpis',
      cache: 'miss',
      engineMs: expect.any(Number),
      durationMs: expect.any(Number),
    });
    const text = written.slice(mark).join('');
    expect(text).not.toContain(needle);
    expect(text).not.toContain(acme.split('=')[1]!);
    expect(text).not.toMatch(/pb_session|SELECT|cookie/i);
  });

  it('never logs a password, even on a failed sign-in', async () => {
    const mark = written.length;
    const password = `hunter2-${randomUUID()}`;
    expect((await api.login('demo@acme.test', password)).status).toBe(401);
    const [line] = requestLines(mark);
    expect(line).toMatchObject({ route: 'session', method: 'POST', status: 401, requestId: expect.any(String) });
    expect(written.slice(mark).join('')).not.toContain(password);
  });

  it('logs an error answer with the id the client was given', async () => {
    const mark = written.length;
    const r = await api.dashboard('nope', acme);
    expect(r.status).toBe(404);
    expect(requestLines(mark)[0]).toMatchObject({ route: 'dashboard', status: 404, tenant: 'acme', requestId: r.body.error.requestId });
  });
});
