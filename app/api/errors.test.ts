import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { answerUnrouted } from '@/lib/api/methods';
import type * as Engines from '@/lib/engines/engine';
import { getRuntime } from '@/lib/runtime/runtime';
import { api, cookieFor } from '@/lib/testing/api-client';
import { foreignCopy } from '@/lib/testing/foreign-module';
// @ts-expect-error: plain ESM script without types
import { answerTransportError } from '@/scripts/transport-errors.mjs';
import { siteOf } from '@/lib/api/site';
import * as readyRoute from './health/ready/route';
import * as healthRoute from './health/route';

process.env.PULSE_LIVE = 'off';

const SITE = siteOf({ publicUrl: 'https://pulse.example.com', frameAncestors: "'none'" });

let acme: string;
let Foreign: typeof import('@/lib/errors/app-error');
let ForeignEngines: typeof Engines;

beforeAll(async () => {
  await getRuntime();
  acme = await cookieFor('demo@acme.test');
  Foreign = await foreignCopy('/lib/errors/app-error.ts');
  ForeignEngines = await foreignCopy('/lib/engines/engine.ts');
});

afterEach(() => vi.restoreAllMocks());

/** A view no other test asks for, so its answer is a cache miss that reaches admission. */
const coldView = () => ({ range: { last: 'P1D' }, filters: [{ dim: 'country', op: 'in', values: [randomUUID()] }] });

function expectError(r: { status: number; body: { error: Record<string, unknown> }; headers: Headers }, status: number, code: string) {
  expect(r.status).toBe(status);
  expect(r.body.error).toMatchObject({ code, message: expect.any(String), requestId: expect.any(String) });
  expect(r.headers.get('x-request-id')).toBe(r.body.error.requestId);
  expect(r.headers.get('content-type')).toMatch(/^application\/json/);
}

describe('errors from another bundle are classified by code, not class identity', () => {
  it('recognises an AppError made by another copy of the module, and nothing else', () => {
    const foreign = new Foreign.AppError('rate_limited', 'busy');
    expect(foreign instanceof AppError).toBe(false);
    expect(isAppError(foreign)).toBe(true);
    expect(isAppError(Object.assign(new Error('x'), { name: 'AppError', code: 'no_such_code' }))).toBe(false);
    expect(isAppError({ name: 'AppError', code: 'rate_limited', message: 'not an Error' })).toBe(false);
  });

  it('POST /api/values answers 429 with Retry-After when admission refuses, not 500', async () => {
    vi.spyOn((await getRuntime()).admission, 'run').mockRejectedValue(new Foreign.AppError('rate_limited', 'Too many queries are waiting right now.'));
    const r = await api.values({ dashboard: 'security-logins', dim: 'country', search: randomUUID(), view: { range: { last: 'P1D' } } }, acme);
    expectError(r, 429, 'rate_limited');
    expect(r.headers.get('retry-after')).toBe('1');
  });

  it('POST /api/query answers 503 with Retry-After when the engine (another bundle’s EngineError) is down', async () => {
    vi.spyOn((await getRuntime()).admission, 'run').mockRejectedValue(new ForeignEngines.EngineError('unavailable', 'connection refused'));
    const r = await api.query({ dashboard: 'security-logins', panel: 'kpis', view: coldView() }, acme);
    expectError(r, 503, 'engine_unavailable');
    expect(r.headers.get('retry-after')).toBe('5');
    expect(JSON.stringify(r.body)).not.toContain('connection refused');
  });

  it('PUT /api/webhook answers 400 at url for every URL the registry refuses, whichever bundle refused it', async () => {
    vi.spyOn((await getRuntime()).webhooks, 'register').mockImplementation(() => {
      throw new Foreign.AppError('invalid_input', 'the webhook must be a public address');
    });
    const r = await api.registerWebhook('https://hooks.example.com/x', acme);
    expectError(r, 400, 'invalid_input');
    expect(r.body.error).toMatchObject({ path: 'url', message: 'the webhook must be a public address' });
  });
});

describe('one error format for every failure', () => {
  it('GET /api/health/ready is 503 with Retry-After and the error body when the engine does not answer', async () => {
    vi.spyOn((await getRuntime()).freshness, 'latest').mockRejectedValue(new Error('engine down'));
    const r = await readyRoute.GET(new Request('http://pulse.test/api/health/ready'));
    const body = await r.json();
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('5');
    expect(body.error).toMatchObject({ code: 'engine_unavailable', requestId: r.headers.get('x-request-id') });
  });

  it('an unexpected failure is a plain 500 without its details', async () => {
    vi.spyOn((await getRuntime()).webhooks, 'get').mockImplementation(() => {
      throw new Error('internal detail: /var/secret');
    });
    const r = await api.webhook(acme);
    expectError(r, 500, 'internal');
    expect(JSON.stringify(r.body)).not.toContain('/var/secret');
  });

  it('keeps a caller’s plain request id and replaces anything else', async () => {
    const ask = (id: string) => healthRoute.GET(new Request('http://pulse.test/api/health', { headers: { 'x-request-id': id } }));
    expect((await ask('lb-7f3a.42')).headers.get('x-request-id')).toBe('lb-7f3a.42');
    expect((await ask('a b<script>')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await ask('x'.repeat(200))).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('methods Next.js does not route (the Node.js front answers them)', () => {
  it('TRACE and QUERY on a documented path are 405 with Allow; on an unknown path 404', () => {
    const parse = (r: { status: number; headers: Record<string, string>; body: Buffer | null }) => ({ ...r, json: JSON.parse(r.body!.toString()) });
    const trace = parse(answerUnrouted('TRACE', '/api/query', undefined, SITE));
    expect(trace.status).toBe(405);
    expect(trace.headers.allow).toBe('POST');
    expect(trace.json.error).toMatchObject({ code: 'method_not_allowed', requestId: trace.headers['x-request-id'] });
    expect(trace.headers).toMatchObject(SITE.headers);
    const query = parse(answerUnrouted('QUERY', '/api/dashboards/cluster-overview', 'abc', SITE));
    expect(query.headers.allow).toBe('GET, PUT, DELETE, HEAD');
    expect(query.json.error.requestId).toBe('abc');
    expect(parse(answerUnrouted('TRACE', '/api/nowhere', undefined, SITE)).status).toBe(404);
  });
});

describe('transport errors from node:http', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer({ maxHeaderSize: 1024 }, (_req, res) => res.end('ok'));
    server.on('clientError', answerTransportError);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const raw = (text: string) =>
    new Promise<{ status: number; body: { error: Record<string, unknown> } }>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(text));
      let data = '';
      socket.on('data', (d) => (data += d));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head, body] = data.split('\r\n\r\n');
        resolve({ status: Number(head!.split(' ')[1]), body: JSON.parse(body!) });
      });
    });

  it('431 for oversized headers, with a JSON body', async () => {
    const r = await raw(`GET /api/health HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(4096)}\r\n\r\n`);
    expect(r.status).toBe(431);
    expect(r.body.error).toMatchObject({ code: 'headers_too_large', requestId: expect.any(String) });
  });

  it('400 for a request that is not HTTP, with a JSON body', async () => {
    const r = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_input');
  });
});
