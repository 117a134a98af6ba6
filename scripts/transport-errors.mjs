// Requests node:http refuses before any handler sees them (431 headers too large, 408 too slow,
// 400 not HTTP), answered in the API's error format instead of Node's empty-bodied default.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

const TRANSPORT_ERRORS = {
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'The request headers are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'The request took too long to arrive.'],
  ERR_HTTP_REQUEST_HEADERS_TIMEOUT: [408, 'request_timeout', 'The request headers took too long to arrive.'],
};

const RESPONSE_HEADERS = Symbol.for('pulseboard.responseHeaders');

/**
 * The security headers of every answer (lib/api/site.ts), as published at start-up by
 * instrumentation.ts; before that, the ones that do not depend on the configuration.
 */
export function responseHeaders() {
  return globalThis[RESPONSE_HEADERS] ?? { 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" };
}

/** A `clientError` listener for node:http servers. */
export function answerTransportError(err, socket) {
  if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
  const [status, code, message] = TRANSPORT_ERRORS[err.code] ?? [400, 'invalid_input', 'The request is not valid HTTP.'];
  const requestId = randomUUID();
  const body = JSON.stringify({ error: { code, message, requestId } });
  const security = Object.entries(responseHeaders()).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      `${security}cache-control: no-store\r\nx-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
  );
}
