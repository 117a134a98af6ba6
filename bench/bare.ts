// The baseline of the cache-hit benchmark: a bare node:http server in its own process that answers
// every request with the bytes and headers the app answered a hit with (read from argv[2], a JSON
// file), after reading the request body as the app must. Prints its port when listening.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const { headers, body } = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { headers: Record<string, string>; body: string };
const bytes = Buffer.from(body, 'base64');
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, headers).end(bytes));
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
