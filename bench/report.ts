import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

export type BenchResult = {
  name: string;
  /** What was measured for Pulseboard. */
  figure: number;
  /** The same thing measured for the baseline in the same run; null for a figure that has none (its goal is absolute). */
  baseline: number | null;
  unit: string;
  /** figure / baseline, so >1 means "more" (throughput) or "slower" (latency); see `better`. */
  ratio: number | null;
  better: 'higher' | 'lower';
  notes?: Record<string, unknown>;
};

/** One JSON line per benchmark on stdout, and the same under bench/results/. */
export function report(r: Omit<BenchResult, 'ratio'>): BenchResult {
  const result = { ...r, ratio: r.baseline === null ? null : Math.round((r.figure / r.baseline) * 1000) / 1000 };
  const line = JSON.stringify({ ...result, cores: cpus().length, at: new Date().toISOString() });
  console.log(line);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/${r.name}.json`, `${line}\n`);
  return result;
}

export function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
