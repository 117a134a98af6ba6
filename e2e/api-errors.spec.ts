import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';

// The error format as `npm start` serves it: methods Next.js does not route (TRACE, QUERY) are
// answered by scripts/serve.mjs, the others by the route files' 405 handlers, transport errors by
// the clientError listener; all JSON, 405 with Allow.

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function send(url: string, method: string, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('undeclared methods are JSON 405 with Allow on every path, through the front and through Next.js', async ({ baseURL }) => {
  const cases: [string, string, string][] = [
    ['/api/query', 'POST', 'TRACE'],
    ['/api/query', 'POST', 'QUERY'],
    ['/api/query', 'POST', 'PATCH'],
    ['/api/query', 'POST', 'OPTIONS'],
    ['/api/query', 'POST', 'GET'],
    ['/api/dashboards', 'GET, POST, HEAD', 'TRACE'],
    ['/api/dashboards/cluster-overview', 'GET, PUT, DELETE, HEAD', 'PATCH'],
    ['/api/views', 'GET, POST, HEAD', 'PUT'],
    ['/api/views/abc', 'PATCH, DELETE', 'GET'],
    ['/api/session', 'POST, GET, DELETE, HEAD', 'PATCH'],
    ['/api/webhook', 'GET, PUT, DELETE, HEAD', 'TRACE'],
    ['/api/health', 'GET, HEAD', 'OPTIONS'],
  ];
  for (const [path, allow, method] of cases) {
    const r = await send(baseURL!, method, path, { 'x-request-id': 'e2e-1' });
    expect(r.status, `${method} ${path}`).toBe(405);
    expect(r.headers.allow, `${method} ${path}`).toBe(allow);
    expect(r.headers['x-request-id']).toBe('e2e-1');
    expect(JSON.parse(r.body).error).toMatchObject({ code: 'method_not_allowed', requestId: 'e2e-1' });
  }
  const head = await send(baseURL!, 'HEAD', '/api/query');
  expect(head.status).toBe(405);
  expect(head.headers.allow).toBe('POST');
  const unknown = await send(baseURL!, 'TRACE', '/api/nowhere');
  expect(unknown.status).toBe(404);
  expect(JSON.parse(unknown.body).error.code).toBe('not_found');
});

test('oversized headers are a JSON 431, not an empty answer', async ({ baseURL }) => {
  const r = await send(baseURL!, 'GET', '/api/health', { 'x-padding': 'a'.repeat(20_000) });
  expect(r.status).toBe(431);
  expect(JSON.parse(r.body).error).toMatchObject({ code: 'headers_too_large', requestId: expect.any(String) });
});
