// A load generator in its own process, so it never shares a core's event loop with what it
// measures. Reads its task as JSON from argv[2], drives it with autocannon, and prints one JSON
// line: throughput, latency percentiles and the non-2xx count.
import autocannon from 'autocannon';
import { spelling, spellings } from './vary';

export type LoadTask = {
  url: string;
  headers: Record<string, string>;
  /** The request body as a value; sent as JSON. */
  body: unknown;
  /** `every`: each request spells the body differently; `none`: every request is byte-identical. */
  vary: 'every' | 'none';
  connections: number;
  seconds: number;
};

export type LoadResult = { rps: number; p50: number; p99: number; non2xx: number; errors: number; requests: number };

const task = JSON.parse(process.argv[2]!) as LoadTask;
const fixed = JSON.stringify(task.body);
const distinct = spellings(task.body);
let n = 0;
/** The next body; with `every`, a spelling no earlier request of this run used. */
function nextBody(): string {
  if (task.vary === 'none') return fixed;
  if (n >= distinct) throw new Error(`more requests than the ${distinct} spellings of this body`);
  return spelling(task.body, n++);
}
const result = await autocannon({
  url: task.url,
  connections: task.connections,
  duration: task.seconds,
  headers: task.headers,
  requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: nextBody() }) }],
});
const out: LoadResult = {
  rps: result.requests.average,
  p50: result.latency.p50,
  p99: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
  requests: result.requests.total,
};
console.log(JSON.stringify(out));
