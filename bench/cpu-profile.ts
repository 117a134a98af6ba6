// Where a profiled process spent its time: `tsx bench/cpu-profile.ts <file.cpuprofile> [top]`
// prints the functions with the most self time, and the share of time under each of the
// app's own modules (inclusive), from a V8 CPU profile (node --cpu-prof; bench/cached.ts with
// BENCH_CPU_PROF=dir writes one of the app under the cache-hit load).
import { readFileSync } from 'node:fs';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

export type Breakdown = { totalMs: number; self: { name: string; ms: number; share: number }[]; modules: { name: string; ms: number; share: number }[] };

const label = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|\.next|lib|app|scripts)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;

/** Self time by function, and inclusive time by app module (a sample counts once per module on its stack). */
export function breakdown(profile: Profile, top = 25): Breakdown {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const modules = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const m = /\/(lib\/[\w/-]+|scripts\/[\w.-]+|node_modules\/(?:@[\w-]+\/)?[\w.-]+)/.exec(byId.get(at)!.callFrame.url)?.[1];
      if (m && !seen.has(m)) {
        seen.add(m);
        modules.set(m, (modules.get(m) ?? 0) + ms);
      }
    }
  });
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / total) * 1000) / 1000 }));
  return { totalMs: Math.round(total), self: rank(self), modules: rank(modules) };
}

if (process.argv[1]?.endsWith('cpu-profile.ts')) {
  const b = breakdown(JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Profile, Number(process.argv[3] ?? 25));
  console.log(`total ${b.totalMs} ms sampled\n\nself time:`);
  for (const s of b.self) console.log(`${(s.share * 100).toFixed(1).padStart(5)}%  ${s.name}`);
  console.log('\ninclusive, by module:');
  for (const s of b.modules) console.log(`${(s.share * 100).toFixed(1).padStart(5)}%  ${s.name}`);
}
