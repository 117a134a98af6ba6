/** The cluster's processes as the suite drives them: the functions of cluster/{druid,app}/lib.sh. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs `<fn> <args>` with cluster/druid/lib.sh and cluster/app/lib.sh sourced; resolves with its stdout. */
export async function lib(fn: string, ...args: string[]): Promise<string> {
  const script = `set -euo pipefail; source cluster/druid/lib.sh; source cluster/app/lib.sh; ${fn} "$@"`;
  const { stdout } = await run('bash', ['-c', script, 'lib', ...args], { cwd: process.cwd(), timeout: 600_000 });
  return stdout.trim();
}

/** One probe of a node's readiness (druid_ready / app_ready). */
export const ready = (fn: 'druid_ready' | 'app_ready', node: string) =>
  lib(fn, node).then(
    () => true,
    () => false,
  );

export const rssMiB = async (fn: 'druid_rss_mib' | 'app_rss_mib', node: string) => Number(await lib(fn, node));

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `done` every `everyMs` until it holds; fails after `timeoutMs`, saying what it waited for and the last state seen. */
export async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs: number, everyMs = 500, state: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} ${state()}`);
    await sleep(everyMs);
  }
}

/** SQL straight to the Druid Broker (not through the app): rows as arrays. */
export async function brokerSql(broker: string, query: string, context: Record<string, unknown> = {}): Promise<unknown[][]> {
  const res = await fetch(`${broker}/druid/v2/sql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, resultFormat: 'array', context }),
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`Druid SQL ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as unknown[][];
}
