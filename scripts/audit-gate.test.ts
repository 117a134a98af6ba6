import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { verdict } from './audit-gate.mjs';

const counts = (high: number, critical: number) => ({ info: 0, low: 1, moderate: 2, high, critical, total: 3 + high + critical });

describe('audit gate', () => {
  it('passes a report without high or critical findings', () => {
    expect(verdict({ vulnerabilities: { foo: { name: 'foo', severity: 'moderate', range: '<1.2.3', fixAvailable: true } }, metadata: { vulnerabilities: counts(0, 0) } })).toMatchObject({ kind: 'ok' });
  });

  it('fails on a high or critical finding and names the package', () => {
    const report = {
      vulnerabilities: { next: { name: 'next', severity: 'critical', range: '16.0.0 - 16.0.6', fixAvailable: { name: 'next', version: '16.0.7' } }, foo: { name: 'foo', severity: 'low', range: '*', fixAvailable: false } },
      metadata: { vulnerabilities: counts(0, 1) },
    };
    expect(verdict(report)).toEqual({ kind: 'findings', serious: ['next (critical, 16.0.0 - 16.0.6, fix available)'], counts: counts(0, 1) });
  });

  it('tells an unreachable advisory service apart from a clean report', () => {
    expect(verdict({ message: '405 Method Not Allowed - POST /-/npm/v1/security/advisories/bulk', statusCode: 405 })).toEqual({
      kind: 'unavailable',
      why: '405 Method Not Allowed - POST /-/npm/v1/security/advisories/bulk',
    });
    expect(verdict(undefined)).toMatchObject({ kind: 'unavailable' });
  });
});
