import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboundClient, type Resolver } from './client';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

type Hit = { method: string; url: string; remote: string; local: string };

/** A real HTTP server on a loopback address, recording every request it gets. */
async function serve(handler: (res: import('node:http').ServerResponse) => void = (res) => res.writeHead(200).end('ok'), host = '127.0.0.1', port = 0) {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    hits.push({ method: req.method!, url: req.url!, remote: req.socket.remoteAddress!, local: req.socket.localAddress! });
    req.resume();
    handler(res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(port, host, r));
  return { hits, port: (server.address() as AddressInfo).port };
}

/** An injected resolver that answers `answers[n]` on its n-th call (the last one after that). */
function scripted(...answers: string[][]): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolver = async (hostname: string) => {
    const ips = answers[Math.min(calls.length, answers.length - 1)]!;
    calls.push(hostname);
    return ips.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolver, { calls });
}

describe('guarded outbound client: SSRF', () => {
  it('refuses every spelling of an internal address, before any connection', async () => {
    const { hits, port } = await serve();
    const resolver = scripted(['127.0.0.1']);
    const client = createOutboundClient({ resolver });
    const spellings = [
      `http://127.0.0.1:${port}/`,
      `http://2130706433:${port}/`, // decimal
      `http://017700000001:${port}/`, // octal
      `http://0x7f.1:${port}/`, // hex + short form
      `http://0x7f000001:${port}/`,
      `http://127.1:${port}/`,
      `http://127.0.1:${port}/`,
      `http://127.0.0.1.:${port}/`, // trailing root dot
      `http://0177.0.0.1:${port}/`, // octal first octet
      `http://127.000.000.001:${port}/`,
      `http://\u2460\u2461\u2466.0.0.1:${port}/`, // circled digits, mapped to 127.0.0.1 by IDNA
      `http://\uff11\uff12\uff17\u3002\uff10\u3002\uff10\u3002\uff11:${port}/`, // full-width digits and ideographic dots
      `http://[::]:${port}/`,
      `http://[::1]:${port}/`,
      `http://[0:0:0:0:0:ffff:127.0.0.1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://[::ffff:7f00:1]:${port}/`,
      `http://[::ffff:a9fe:a9fe]/latest/meta-data/`,
      `http://[64:ff9b::7f00:1]:${port}/`,
      `http://[fec0::1]/`,
      `http://[fd00::1]/`,
      `http://[fe80::1]/`,
      `http://100.64.0.1/`,
      `http://169.254.169.254/latest/meta-data/`,
      `http://0.0.0.0:${port}/`,
      `http://0:${port}/`,
      `http://10.0.0.5/`,
      `http://192.168.0.1/`,
      `http://localhost:${port}/`,
      `http://localhost.:${port}/`,
      `http://LocalHost.:${port}/`,
      `http://api.localhost:${port}/`,
      `https://[::1]:${port}/`,
    ];
    for (const url of spellings) {
      expect(await client.request(url), url).toEqual({ ok: false, reason: 'blocked_address' });
      expect(await client.check(url), url).toBe('blocked_address');
    }
    expect(resolver.calls).toEqual([]); // literals and localhost never reach DNS
    expect(hits).toEqual([]);
  });

  it('refuses a name that resolves to loopback, or to any internal address among public ones', async () => {
    const { hits, port } = await serve();
    for (const answer of [['127.0.0.1'], ['::ffff:127.0.0.1'], ['8.8.8.8', '127.0.0.1'], ['100.64.0.1'], ['fd00::1']]) {
      const client = createOutboundClient({ resolver: scripted(answer) });
      expect(await client.request(`http://hooks.example.test:${port}/`), answer.join()).toEqual({ ok: false, reason: 'blocked_address' });
      expect(await client.check(`http://hooks.example.test:${port}/`)).toBe('blocked_address');
    }
    expect(hits).toEqual([]);
  });

  it('connects to the address its own lookup checked, and checks again on every request (DNS rebinding)', async () => {
    // 127.0.0.1 stands for a public address here (the policy allows it alone); the name then
    // rebinds to 127.0.0.2, a "private" one, where a trap server on the same port listens.
    const { hits, port } = await serve();
    const trap = await serve(undefined, '127.0.0.2', port);
    const resolver = scripted(['127.0.0.1'], ['127.0.0.1'], ['127.0.0.2']);
    const client = createOutboundClient({ resolver, isAllowedAddress: (ip) => ip === '127.0.0.1' });
    const url = `http://rebind.example.test:${port}/hook`;

    expect(await client.check(url)).toBeNull(); // resolution 1: fine
    const first = await client.request(url, { method: 'POST', body: '{}' }); // resolution 2, inside the connection
    expect(first).toMatchObject({ ok: true, status: 200, address: '127.0.0.1' });
    expect(resolver.calls).toHaveLength(2);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.local).toBe('127.0.0.1');

    const second = await client.request(url, { method: 'POST', body: '{}' }); // resolution 3: rebound
    expect(second).toEqual({ ok: false, reason: 'blocked_address' });
    expect(resolver.calls).toHaveLength(3);
    expect(trap.hits).toEqual([]);
    expect(hits).toHaveLength(1);
  });

  it('reaches a real local server only when the operator allows private targets', async () => {
    const { hits, port } = await serve();
    expect(await createOutboundClient().request(`http://127.0.0.1:${port}/x`)).toEqual({ ok: false, reason: 'blocked_address' });
    expect(await createOutboundClient().request(`http://localhost:${port}/x`)).toEqual({ ok: false, reason: 'blocked_address' });
    expect(hits).toEqual([]);
    const allowed = await createOutboundClient({ allowPrivate: true }).request(`http://127.0.0.1:${port}/x`, { method: 'POST', headers: { 'x-test': '1' }, body: 'hello' });
    expect(allowed).toMatchObject({ ok: true, status: 200, address: '127.0.0.1' });
    expect(allowed.ok && allowed.body.toString()).toBe('ok');
    expect(hits).toMatchObject([{ method: 'POST', url: '/x' }]);
  });
});

describe('guarded outbound client: limits and generic reasons', () => {
  const client = createOutboundClient({ allowPrivate: true, connectTimeoutMs: 500, timeoutMs: 300, maxResponseBytes: 1024 });

  it('does not follow a redirect', async () => {
    const { hits, port } = await serve((res) => res.writeHead(302, { location: '/elsewhere' }).end());
    expect(await client.request(`http://127.0.0.1:${port}/`)).toEqual({ ok: false, reason: 'http_status', status: 302 });
    expect(hits.map((h) => h.url)).toEqual(['/']);
  });

  it('reports a failing receiver by its status only', async () => {
    const { port } = await serve((res) => res.writeHead(500).end('stack trace of the receiver'));
    expect(await client.request(`http://127.0.0.1:${port}/`)).toEqual({ ok: false, reason: 'http_status', status: 500 });
  });

  it('times out a receiver that never answers', async () => {
    const { port } = await serve(() => {});
    const t0 = Date.now();
    expect(await client.request(`http://127.0.0.1:${port}/`)).toEqual({ ok: false, reason: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it('stops reading a response past the size limit', async () => {
    const { port } = await serve((res) => res.writeHead(200).end(Buffer.alloc(100_000, 'x')));
    expect(await client.request(`http://127.0.0.1:${port}/`)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('says connect_failed for a closed port, never the error text', async () => {
    const { port } = await serve();
    await new Promise((r) => servers.pop()!.close(r));
    expect(await client.request(`http://127.0.0.1:${port}/`)).toEqual({ ok: false, reason: 'connect_failed' });
  });

  it('says dns_failure for a name that does not resolve, never the resolver’s message', async () => {
    const failing = createOutboundClient({
      resolver: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND db.internal.corp'), { code: 'ENOTFOUND' });
      },
    });
    const result = await failing.request('https://db.internal.corp/');
    expect(result).toEqual({ ok: false, reason: 'dns_failure' });
    expect(await failing.check('https://db.internal.corp/')).toBe('dns_failure');
    expect(await createOutboundClient({ resolver: async () => [] }).request('https://nothing.example.test/')).toEqual({ ok: false, reason: 'dns_failure' });
    const silent = createOutboundClient({ resolver: () => new Promise(() => {}), connectTimeoutMs: 100, timeoutMs: 200 });
    expect(await silent.check('https://slow.example.test/')).toBe('dns_failure');
    expect(await silent.request('https://slow.example.test/')).toEqual({ ok: false, reason: 'timeout' });
  });

  it('refuses what is not an http(s) URL without credentials', async () => {
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'gopher://example.com/', 'not a url', 'https://user:pw@example.com/']) {
      expect(await client.request(url), url).toEqual({ ok: false, reason: 'invalid_url' });
      expect(await client.check(url), url).toBe('invalid_url');
    }
  });
});
