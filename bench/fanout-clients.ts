// The watching browsers of the fan-out benchmark, in a process of their own: N connections to
// GET /api/stream spread over the given views, each parsing its events and merging them as the UI
// does. Prints {"ready":…} once every stream delivered its first event, then, after the measured
// window, one JSON line: events, bytes, and the age of the data on screen sampled twice a second.
import { Agent, get } from 'node:http';
import { createParser } from 'eventsource-parser';
import type { PanelUpdate } from '@/lib/contract/stream';
import { percentile, round } from './report';

const [base, cookie, viewsJson, clientsText, secondsText] = process.argv.slice(2);
const views = JSON.parse(viewsJson!) as string[];
const CLIENTS = Number(clientsText);
const SECONDS = Number(secondsText);
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

type Client = { dataUntil: number; events: number; bytes: number; errors: number; refused: number };
const clients: Client[] = Array.from({ length: CLIENTS }, () => ({ dataUntil: Number.NaN, events: 0, bytes: 0, errors: 0, refused: 0 }));

/** A browser whose stream is refused (429: the engine's queue is full while views start cold) asks again a second later, as the UI does. */
async function watch(client: Client, query: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await open(client, query);
    } catch (err) {
      if (!(err instanceof Error && err.message === 'stream answered 429') || attempt === 30) throw err;
      client.refused++;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

function open(client: Client, query: string): Promise<void> {
  return new Promise((firstEvent, fail) => {
    const req = get(`${base}/api/stream?${query}`, { agent, headers: { cookie: cookie!, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return fail(new Error(`stream answered ${res.statusCode}`));
      }
      const parser = createParser({
        onEvent: (e) => {
          const updates = (JSON.parse(e.data) as { updates: PanelUpdate[] }).updates;
          // What the screen shows is as new as the newest data any of its panels holds.
          for (const u of updates) if (u.meta.dataUntil) client.dataUntil = Math.max(Number.isNaN(client.dataUntil) ? 0 : client.dataUntil, Date.parse(u.meta.dataUntil));
          client.events++;
          firstEvent();
        },
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        client.bytes += Buffer.byteLength(chunk);
        parser.feed(chunk);
      });
      res.on('error', () => client.errors++);
    });
    req.on('error', (err) => (client.errors++, fail(err)));
  });
}

const started = performance.now();
// Connect in waves, as browsers arrive: all at once would measure the accept queue, not the fan-out.
for (let i = 0; i < CLIENTS; i += 50) await Promise.all(clients.slice(i, i + 50).map((c, j) => watch(c, views[(i + j) % views.length]!)));
console.log(JSON.stringify({ ready: true, connectMs: Math.round(performance.now() - started), refusedWhileStarting: clients.reduce((n, c) => n + c.refused, 0) }));

const ages: number[] = [];
const before = clients.map((c) => ({ events: c.events, bytes: c.bytes }));
const sampler = setInterval(() => {
  const now = Date.now();
  for (const c of clients) ages.push(now - c.dataUntil);
}, 500);
await new Promise((r) => setTimeout(r, SECONDS * 1000));
clearInterval(sampler);
const events = clients.reduce((n, c, i) => n + c.events - before[i]!.events, 0);
const bytes = clients.reduce((n, c, i) => n + c.bytes - before[i]!.bytes, 0);
console.log(
  JSON.stringify({
    clients: CLIENTS,
    eventsPerClientPerS: round(events / CLIENTS / SECONDS, 3),
    bytesPerClientPerS: Math.round(bytes / CLIENTS / SECONDS),
    ageP50Ms: Math.round(percentile(ages, 0.5)),
    ageP95Ms: Math.round(percentile(ages, 0.95)),
    errors: clients.reduce((n, c) => n + c.errors, 0),
  }),
);
process.exit(0);
