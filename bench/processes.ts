import { spawn, type ChildProcess } from 'node:child_process';

const TSX = ['--conditions=react-server', '--import', 'tsx'];

/** Runs a bench script in its own Node process and returns the JSON of its last stdout line. */
export function runScript<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...TSX, script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON result: ${last.slice(0, 200)}`));
      }
    });
  });
}

/** Starts a long-running bench script in its own process; resolves with the JSON of its first stdout line. */
export function startScript<T>(script: string, args: string[]): Promise<{ ready: T; proc: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...TSX, script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const onData = (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      proc.stdout.off('data', onData);
      try {
        resolve({ ready: JSON.parse(out.slice(0, nl)) as T, proc });
      } catch (err) {
        reject(err as Error);
      }
    };
    proc.stdout.on('data', onData);
    proc.on('error', reject);
    proc.on('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
}
