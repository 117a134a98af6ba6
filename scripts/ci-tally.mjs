// Adds up the test counts that each CI suite's runner printed (Vitest, Playwright and Schemathesis
// summaries) and closes the CI log with one plain "N passed, N failed" line, which log readers that
// do not know these runners understand. A suite log without any count means its runner executed no
// test: that fails CI, as a suite whose component is missing must.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

// Vitest: "      Tests  2 failed | 12 passed | 1 skipped (15)"; Playwright: "  67 passed (6.1m)".
const VITEST = /^\s*Tests\s+(.+)\(\d+\)\s*$/;
// Whole lines only, so a test's own output ("  18 failed logins in 5 min") is never counted.
const PLAYWRIGHT = /^\s+(\d+) (passed|failed|flaky|skipped|did not run)(?: \([^)]*\))?\s*$/;
// Schemathesis (the contract check), under "Test cases:": "  3551 generated, 3551 passed, 40 skipped"
// or "  120 generated, 2 found 1 unique failures, 118 passed".
const SCHEMATHESIS = /^\s+\d+ generated, (.+)$/;

export function tally(text) {
  const counts = { passed: 0, failed: 0, skipped: 0, flaky: 0, found: false };
  const add = (n, word) => {
    counts.found = true;
    if (word === 'passed') counts.passed += n;
    else if (word === 'failed') counts.failed += n;
    // Playwright counts a test that failed and then passed on retry apart from "passed".
    else if (word === 'flaky') { counts.passed += n; counts.flaky += n; }
    else counts.skipped += n;
  };
  for (const line of stripVTControlCharacters(text).split('\n')) {
    const vitest = VITEST.exec(line);
    if (vitest) {
      for (const part of vitest[1].split('|')) {
        const m = /(\d+)\s+(passed|failed|skipped|todo)/.exec(part);
        if (m) add(Number(m[1]), m[2]);
      }
      continue;
    }
    const pw = PLAYWRIGHT.exec(line);
    if (pw) {
      add(Number(pw[1]), pw[2]);
      continue;
    }
    const st = SCHEMATHESIS.exec(line);
    if (st) {
      for (const part of st[1].split(',')) {
        const m = /(\d+) (passed|skipped)|found (\d+) unique failures?/.exec(part);
        if (m) add(Number(m[1] ?? m[3]), m[2] ?? 'failed');
      }
    }
  }
  return counts;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  const empty = [];
  for (const file of process.argv.slice(2)) {
    const counts = tally(readFileSync(file, 'utf8'));
    const suite = basename(file, '.log');
    if (!counts.found) empty.push(suite);
    const flaky = counts.flaky ? ` (${counts.flaky} passed on retry)` : '';
    console.log(`${suite}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${flaky}`);
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  }
  if (empty.length) console.log(`no test counted in: ${empty.join(', ')}`);
  console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(total.failed || empty.length ? 1 : 0);
}
