import 'server-only';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isLocalhostName, isPublicAddress } from './address-policy';

/**
 * The one way the app makes a request to an address a tenant chose (webhooks now, reports
 * later). The address check runs inside the connection's own DNS lookup, so the socket
 * connects to exactly the address that was checked: a name that resolves to a public address
 * for a check and to 127.0.0.1 for the connection (DNS rebinding) has no second resolution to
 * exploit. No connection is reused (`agent: false`), so every request resolves and checks
 * afresh; redirects are never followed; time and response size are bounded; and what goes
 * wrong is told as one of a few generic reasons, never the error text (which would turn the
 * webhook log into a port scanner).
 */
export const OUTBOUND_FAILURES = ['invalid_url', 'blocked_address', 'dns_failure', 'connect_failed', 'timeout', 'http_status', 'too_large'] as const;
export type OutboundFailure = (typeof OUTBOUND_FAILURES)[number];

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export type OutboundOptions = {
  /** Operator setting for development and tests (PULSE_WEBHOOKS_ALLOW_PRIVATE=on): any address. */
  allowPrivate?: boolean;
  /** Name resolution; the system resolver unless a test injects one. */
  resolver?: Resolver;
  /** Replaces the address policy (tests that need a loopback address to stand for a public one). */
  isAllowedAddress?: (ip: string) => boolean;
  connectTimeoutMs?: number;
  /** The whole exchange: lookup, connect, request, response headers and body. */
  timeoutMs?: number;
  maxResponseBytes?: number;
};

export type OutboundRequest = { method?: 'GET' | 'POST' | 'PUT'; headers?: Record<string, string>; body?: string };

export type OutboundResult =
  | { ok: true; status: number; body: Buffer; /** the address connected to (logs and tests, not tenants) */ address: string }
  | { ok: false; reason: OutboundFailure; status?: number };

export type OutboundClient = {
  /** Registration-time feedback: the URL's form and where its name points now (every request checks again). */
  check(rawUrl: string): Promise<OutboundFailure | null>;
  request(rawUrl: string, req?: OutboundRequest): Promise<OutboundResult>;
};

class OutboundError extends Error {
  constructor(readonly reason: OutboundFailure) {
    super(reason);
  }
}

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** A `net` lookup that refuses the name unless every address it resolves to passes `allowed`. */
function guardedLookup(resolve: Resolver, allowed: (ip: string) => boolean): LookupFunction {
  return ((hostname: string, options: LookupOptions, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
    resolve(hostname).then(
      (found) => {
        const usable = family ? found.filter((a) => a.family === family) : found;
        if (!usable.length) return callback(new OutboundError('dns_failure'), '');
        if (!usable.every((a) => allowed(a.address))) return callback(new OutboundError('blocked_address'), '');
        if (options.all) return callback(null, usable);
        return callback(null, usable[0]!.address, usable[0]!.family);
      },
      () => callback(new OutboundError('dns_failure'), ''),
    );
  }) as LookupFunction;
}

/** Why a node error ended a request, as one of our reasons (its text is never passed on). */
function reasonOf(err: unknown): OutboundFailure {
  if (err instanceof OutboundError) return err.reason;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns_failure';
  if (code === 'ETIMEDOUT') return 'timeout';
  return 'connect_failed';
}

type Policy = Pick<OutboundOptions, 'allowPrivate' | 'resolver' | 'isAllowedAddress'>;

function policyOf(opts: Policy) {
  const allowPrivate = opts.allowPrivate ?? false;
  return { allowPrivate, allowed: opts.isAllowedAddress ?? (allowPrivate ? () => true : isPublicAddress), resolver: opts.resolver ?? systemResolver };
}

/**
 * For a protocol that is not HTTP (SMTP): the one address the host may be connected to under the
 * same policy, resolved once here. The caller connects to exactly this address, so DNS cannot
 * answer differently between the check and the connection.
 */
export async function checkedAddress(host: string, opts: Policy = {}): Promise<LookupAddress | 'blocked_address' | 'dns_failure'> {
  const { allowPrivate, allowed, resolver } = policyOf(opts);
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return allowed(bare) ? { address: bare, family: isIP(bare) } : 'blocked_address';
  if (!allowPrivate && isLocalhostName(bare)) return 'blocked_address';
  let found: LookupAddress[];
  try {
    found = await resolver(bare);
  } catch {
    return 'dns_failure';
  }
  if (!found.length) return 'dns_failure';
  return found.every((a) => allowed(a.address)) ? found[0]! : 'blocked_address';
}

export function createOutboundClient(opts: OutboundOptions = {}): OutboundClient {
  const { allowPrivate, allowed, resolver } = policyOf(opts);
  const lookup = guardedLookup(resolver, allowed);
  const connectTimeoutMs = opts.connectTimeoutMs ?? 3_000;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxResponseBytes = opts.maxResponseBytes ?? 64 * 1024;

  /** The URL if its form is acceptable, else why not. Literal addresses are checked here: `net` skips the lookup for them. */
  function target(rawUrl: string): URL | OutboundFailure {
    let url: URL;
    try {
      url = new URL(rawUrl); // canonicalizes 2130706433, 0x7f.1, 127.1 and [0:0:0:0:0:ffff:127.0.0.1]
    } catch {
      return 'invalid_url';
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return 'invalid_url';
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) return allowed(host) ? url : 'blocked_address';
    if (!allowPrivate && isLocalhostName(host)) return 'blocked_address';
    return url;
  }

  return {
    async check(rawUrl) {
      const url = target(rawUrl);
      if (typeof url === 'string') return url;
      if (isIP(url.hostname.replace(/^\[|\]$/g, ''))) return null;
      try {
        // A resolver that never answers must not hold the registration request.
        const found = await Promise.race([resolver(url.hostname), new Promise<never>((_, reject) => setTimeout(reject, connectTimeoutMs).unref())]);
        if (!found.length) return 'dns_failure';
        return found.every((a) => allowed(a.address)) ? null : 'blocked_address';
      } catch {
        return 'dns_failure';
      }
    },

    request(rawUrl, { method = 'GET', headers = {}, body } = {}) {
      const url = target(rawUrl);
      if (typeof url === 'string') return Promise.resolve({ ok: false, reason: url });
      return new Promise<OutboundResult>((resolve) => {
        let settled = false;
        const finish = (result: OutboundResult) => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          clearTimeout(connectDeadline);
          resolve(result);
        };
        const abort = (reason: OutboundFailure) => {
          finish({ ok: false, reason });
          req.destroy();
        };
        const send = url.protocol === 'https:' ? https.request : http.request;
        const req = send(url, {
          method,
          headers: { ...headers, connection: 'close', ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) },
          agent: false,
          lookup,
        });
        const deadline = setTimeout(() => abort('timeout'), timeoutMs);
        const connectDeadline = setTimeout(() => abort('timeout'), connectTimeoutMs);
        req.on('socket', (socket) => socket.once('connect', () => clearTimeout(connectDeadline)));
        req.on('error', (err) => finish({ ok: false, reason: reasonOf(err) }));
        req.on('response', (res) => {
          const status = res.statusCode ?? 0;
          const address = res.socket.remoteAddress ?? '';
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxResponseBytes) abort('too_large');
            else chunks.push(chunk);
          });
          res.on('error', () => finish({ ok: false, reason: 'connect_failed' }));
          // 3xx is an answer like any other non-2xx: a redirect is never followed.
          res.on('end', () => finish(status >= 200 && status < 300 ? { ok: true, status, body: Buffer.concat(chunks), address } : { ok: false, reason: 'http_status', status }));
        });
        req.end(body);
      });
    },
  };
}
