import { request as httpRequest } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { openDashboard, panel, signIn, withoutStream } from './helpers';

// POST /api/query as `npm start` serves it (scripts/serve.mjs in front of Next.js), over plain HTTP.
const body = JSON.stringify({ dashboard: 'cluster-overview', panel: 'latency', view: { range: { last: 'P7D' }, tz: 'UTC', grain: 'PT1H' } });

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

function send(url: string, headers: Record<string, string>, chunks: Buffer[]): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/api/query`, { method: 'POST', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

test('a repeat is sent pre-compressed with an ETag, and 304 when the client already has it', async ({ context, baseURL }) => {
  await signIn(context, 'demo@acme.test');
  const session = (await context.cookies()).find((c) => c.name === 'pb_session')!;
  const headers = { 'content-type': 'application/json', cookie: `pb_session=${session.value}` };
  const identity = await send(baseURL!, headers, [Buffer.from(body)]);
  expect(identity.status).toBe(200);
  expect(identity.headers['content-encoding']).toBeUndefined();

  const br = await send(baseURL!, { ...headers, 'accept-encoding': 'gzip, br' }, [Buffer.from(body)]);
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.body.length).toBeLessThan(identity.body.length);
  const answer = JSON.parse(brotliDecompressSync(br.body).toString());
  expect(answer.meta.cache).toBe('hit');
  expect(answer.rows).toEqual(JSON.parse(identity.body.toString()).rows);

  const etag = String(br.headers.etag);
  expect(etag).toMatch(/^W\/".+"$/);
  const again = await send(baseURL!, { ...headers, 'if-none-match': etag }, [Buffer.from(body)]);
  expect(again.status).toBe(304);
  expect(again.body.length).toBe(0);
});

test('bad requests get JSON errors from the front too, and an oversized chunked body a 413, not a reset', async ({ context, baseURL }) => {
  await signIn(context, 'demo@acme.test');
  const session = (await context.cookies()).find((c) => c.name === 'pb_session')!;
  const json = { 'content-type': 'application/json' };
  const noSession = await send(baseURL!, json, [Buffer.from(body)]);
  expect(noSession.status).toBe(401);
  expect(JSON.parse(noSession.body.toString()).error.code).toBe('unauthenticated');
  expect((await send(baseURL!, { 'content-type': 'text/plain', cookie: `pb_session=${session.value}` }, [Buffer.from(body)])).status).toBe(415);
  // No content-length (chunked), so the limit is found while reading.
  const big = Array.from({ length: 10 }, () => Buffer.alloc(10_000, ' '));
  const tooBig = await send(baseURL!, { ...json, cookie: `pb_session=${session.value}` }, big);
  expect(tooBig.status).toBe(413);
  expect(JSON.parse(tooBig.body.toString()).error.code).toBe('payload_too_large');
  const badJson = await send(baseURL!, { ...json, cookie: `pb_session=${session.value}` }, [Buffer.from('{"dashboard":')]);
  expect(badJson.status).toBe(400);
});

test('the dashboard revalidates live panels with their ETag and keeps showing the answer on 304', async ({ page, context }) => {
  await signIn(context, 'demo@acme.test');
  await withoutStream(page);
  await openDashboard(page, 'security-logins', 'v=1&r=P7D&tz=UTC');
  // Live panels refresh every 10 s; an answer that has not changed since comes back as 304.
  const notModified = await page.waitForResponse((r) => r.url().endsWith('/api/query') && r.status() === 304, { timeout: 45_000 });
  expect(await notModified.request().headerValue('if-none-match')).toMatch(/^W\/".+"$/);
  expect(notModified.headers()['cache-control']).toBe('private, no-cache');
  await expect(page.locator('[data-panel][data-state="error"]')).toHaveCount(0);
  await expect(panel(page, 'kpis')).toHaveAttribute('data-state', 'ready');
});
