import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALERT_RULE_DEFAULTS, PER_TENANT_PARAMETERS } from './admin';

describe('alert thresholds a tenant may set', () => {
  it('are exactly the parameters the alert job reads per tenant', () => {
    const sql = readFileSync('flink/sql/alerts.sql', 'utf8');
    const perTenant = new Set([...sql.matchAll(/\$\{rule:([a-z_]+)\.([A-Za-z]+)/g)].map(([, rule, param]) => `${rule}.${param}`));
    const offered = Object.entries(PER_TENANT_PARAMETERS).flatMap(([rule, params]) => params.map((p) => `${rule}.${p}`));
    expect(new Set(offered)).toEqual(perTenant);
    expect(Object.entries(ALERT_RULE_DEFAULTS).flatMap(([rule, params]) => Object.keys(params).map((p) => `${rule}.${p}`)).sort()).toEqual(offered.sort());
  });
});
