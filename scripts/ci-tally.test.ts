import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { tally } from './ci-tally.mjs';

describe('CI test tally', () => {
  it('adds Vitest and Playwright summaries, colours or not', () => {
    const log = [
      ' Test Files  2 passed (2)',
      '      Tests  2 failed | 12 passed | 1 skipped (15)',
      '\x1b[32m  67 passed\x1b[39m (6.1m)',
      '  1 flaky',
      '      Tests  \x1b[1m14 passed\x1b[22m (14)',
    ].join('\n');
    expect(tally(log)).toEqual({ passed: 94, failed: 2, skipped: 1, flaky: 1, found: true });
  });

  it('counts the contract check\'s generated cases, failures included', () => {
    expect(tally('Test cases:\n  3551 generated, 3551 passed, 40 skipped\n')).toEqual({
      passed: 3551, failed: 0, skipped: 40, flaky: 0, found: true,
    });
    expect(tally('Test cases:\n  120 generated, 2 found 1 unique failures, 118 passed\n')).toMatchObject({
      passed: 118, failed: 1,
    });
  });

  it('finds no count in a log whose runner executed no test', () => {
    expect(tally('No test files found, exiting with code 0\n').found).toBe(false);
    expect(tally('Outbox crash test: 60 alerts, 78 requests received: 60 accepted\n').found).toBe(false);
    expect(tally('    18 failed logins in 5 min (threshold 12.0)\n  3 passed through the filter\n').found).toBe(false);
  });
});
