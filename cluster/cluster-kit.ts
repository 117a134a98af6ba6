/**
 * Test kit for the cluster suites: drives the parts' bash libraries (cluster/<part>/lib.sh)
 * without blocking the event loop (the load producers run in the same process), polls probes
 * with a deadline, and reads each node's memory.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { withDeadline } from '@/lib/ingest/deadline';

const run = promisify(execFile);

/** Runs `<fn> <args...>` after sourcing cluster/<part>/lib.sh; resolves with its stdout. */
export async function lib(part: string, fn: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('bash', ['-c', `source cluster/${part}/lib.sh && "$@"`, 'cluster-kit', fn, ...args], { maxBuffer: 16 << 20, timeout: 600_000 });
  return stdout.trim();
}

/** Does the probe (a lib function) succeed right now? */
export const probe = (part: string, fn: string, ...args: string[]) => lib(part, fn, ...args).then(() => true, () => false);

/** Polls `check` every 250 ms until true; resolves with the time it took, fails after `timeoutMs`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timeout after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return Date.now() - t0;
}

/** "RSS MiB, heap used/committed MiB" of one node, from /proc and jcmd (proc.sh). */
export async function memory(part: string, node: string): Promise<string> {
  const [rss, heap] = await Promise.all([lib(part, 'proc_rss_mib', part, node), lib(part, 'proc_heap_mib', part, node)]);
  return `RSS ${rss} MiB, heap used/committed ${heap} MiB`;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const clock = () => new Date().toISOString().slice(11, 23);

/** Runs one named step with a deadline, logging when it starts and how it ended
 *  ("[end] collect pulse.sensor_raw: started" … "done in 1.2 s"), so a step that never settles
 *  names itself and fails after `ms` instead of holding the run until the runner's limit. */
export async function step<T>(name: string, ms: number, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  console.log(`${clock()} ${name}: started`);
  try {
    const result = await withDeadline(fn(), ms, name);
    console.log(`${clock()} ${name}: done in ${seconds(Date.now() - t0)}`);
    return result;
  } catch (err) {
    console.log(`${clock()} ${name}: FAILED after ${seconds(Date.now() - t0)}: ${(err as Error).message}`);
    throw err;
  }
}
