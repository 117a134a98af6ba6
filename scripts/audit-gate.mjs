#!/usr/bin/env node
/**
 * CI gate: `npm audit --omit=dev` must report no high or critical finding in what ships.
 *   node scripts/audit-gate.mjs                 runs npm audit and judges its report
 *   node scripts/audit-gate.mjs --report FILE   judges a saved `npm audit --json` report
 * When the advisory service cannot be reached (a registry mirror that refuses the audit POST
 * answers 405), the gate says NOT CHECKED and passes, unless PULSE_AUDIT_REQUIRED=1.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const SERIOUS = ['high', 'critical'];

/** What a report means: ok, findings (the serious ones, by package) or unavailable (why). */
export function verdict(report) {
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) return { kind: 'unavailable', why: String(report?.message ?? report?.error?.summary ?? 'no report') };
  const serious = Object.values(report.vulnerabilities ?? {})
    .filter((v) => SERIOUS.includes(v.severity))
    .map((v) => `${v.name} (${v.severity}, ${v.range}${v.fixAvailable ? ', fix available' : ', no fix yet'})`);
  return serious.length || counts.high + counts.critical ? { kind: 'findings', serious, counts } : { kind: 'ok', counts };
}

function main() {
  const i = process.argv.indexOf('--report');
  const text = i > 0 ? readFileSync(process.argv[i + 1], 'utf8') : spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' }).stdout;
  let report;
  try {
    report = JSON.parse(text);
  } catch {
    report = undefined;
  }
  const v = verdict(report);
  if (v.kind === 'unavailable') {
    console.log(`npm audit --omit=dev: NOT CHECKED, the advisory service is unavailable (${v.why})`);
    process.exit(process.env.PULSE_AUDIT_REQUIRED === '1' ? 1 : 0);
  }
  const c = v.counts;
  console.log(`npm audit --omit=dev: ${c.critical} critical, ${c.high} high, ${c.moderate} moderate, ${c.low} low`);
  if (v.kind === 'findings') {
    for (const line of v.serious) console.log(`  ${line}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
