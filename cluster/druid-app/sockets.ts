/**
 * What the load client's connections did, so a request that ends with no HTTP answer can be
 * explained: undici (Node's fetch) says on a diagnostics channel which socket each request was
 * written to, so a failure is reported with whether it went out on a reused keep-alive connection,
 * how long that connection had been idle, and its local port (HAProxy's log names clients by
 * address:port). Also counts connections the other side closed while idle: each such close
 * races the client's next reuse of that connection.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/** The request header that ties a fetch to the socket undici wrote it to. */
export const REQUEST_ID = 'x-load-request';
/** HAProxy's idle timeout on client connections before the fix (cluster/app/haproxy.cfg). */
const OLD_IDLE_MS = 10_000;

type Conn = { seq: number; port: number; requests: number; idleSince: number | null };
export type Written = { conn: number; port: number; nth: number; idleMs: number };

const conns = new WeakMap<Socket, Conn>();
const ofRequest = new WeakMap<object, Conn>();
const written = new Map<string, Written>();
const stats = { connections: 0, reusedAfterOldIdle: 0, maxReuseIdleMs: 0, closedIdleByPeer: [] as number[] };

function conn(socket: Socket): Conn {
  let c = conns.get(socket);
  if (!c) {
    c = { seq: ++stats.connections, port: socket.localPort ?? 0, requests: 0, idleSince: null };
    conns.set(socket, c);
    const me = c;
    // 'end' is the other side's FIN (undici closing a connection itself destroys it: no 'end').
    socket.once('end', () => me.idleSince !== null && stats.closedIdleByPeer.push(Date.now() - me.idleSince));
  }
  return c;
}

subscribe('undici:client:sendHeaders', (message) => {
  const { request, socket } = message as { request: { headers: unknown }; socket: Socket };
  const c = conn(socket);
  const idleMs = c.idleSince === null ? 0 : Date.now() - c.idleSince;
  c.idleSince = null;
  c.requests++;
  if (c.requests > 1) {
    stats.maxReuseIdleMs = Math.max(stats.maxReuseIdleMs, idleMs);
    if (idleMs >= OLD_IDLE_MS) stats.reusedAfterOldIdle++;
  }
  ofRequest.set(request, c);
  const headers = Array.isArray(request.headers) ? (request.headers as unknown[]) : []; // [name, value, ...]
  const i = headers.indexOf(REQUEST_ID);
  if (i >= 0) written.set(String(headers[i + 1]), { conn: c.seq, port: c.port, nth: c.requests, idleMs });
});
const done = (message: unknown) => {
  const c = ofRequest.get((message as { request: object }).request);
  if (c) c.idleSince = Date.now();
};
subscribe('undici:request:trailers', done);

/** Where the request with this id was written (undefined if never written: e.g. the connect failed); forgets it. */
export function writtenOn(id: string): Written | undefined {
  const w = written.get(id);
  written.delete(id);
  return w;
}

export const describeWritten = (w: Written | undefined) =>
  w ? `on connection ${w.conn} (local port ${w.port}), its request ${w.nth}${w.nth > 1 ? `, reused after ${(w.idleMs / 1000).toFixed(2)} s idle` : ', new'}` : 'never written to a connection';

/** "412 connections; 3 closed by HAProxy while idle (after 10.0-10.1 s); 0 reused after ≥ 10 s idle (longest idle before reuse 4.2 s)". */
export function connectionSummary(): string {
  const closed = stats.closedIdleByPeer;
  const range = closed.length ? ` (idle ${(Math.min(...closed) / 1000).toFixed(1)}-${(Math.max(...closed) / 1000).toFixed(1)} s)` : '';
  return `${stats.connections} client connections; ${closed.length} closed by the other side while idle${range}; ${stats.reusedAfterOldIdle} requests on a connection reused after >= ${OLD_IDLE_MS / 1000} s idle (longest idle before a reuse ${(stats.maxReuseIdleMs / 1000).toFixed(1)} s)`;
}
