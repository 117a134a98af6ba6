import { DuckDBInstance } from '@duckdb/node-api';
import { SqlQuery } from 'druid-query-toolkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDatasource, listDatasources } from '@/lib/dashboards/registry';
import { schemaSql, tierTableSql } from '@/lib/ingest/declared';
import { valueArb } from '@/lib/testing/arbitraries';
import { quoteIdent, type CompiledQuery } from '@/lib/sql/query';
import { compile } from './compile';
import { tierParts } from './tiers';
import { SPEC_FIXTURES } from './fixtures';
import type { QuerySpec } from './spec';
import { datasourceTiers } from '@/lib/dashboards/tiers';

const golden = (q: CompiledQuery) => `${q.sql}\n-- params: ${JSON.stringify(q.params)}\n`;

let duck: Awaited<ReturnType<DuckDBInstance['connect']>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(schemaSql(listDatasources()));
  // The tiers' tables too (as buildTiers makes them when tiers are on): compiled tier reads must run.
  await duck.run(listDatasources().flatMap((ds) => datasourceTiers(ds).map((t) => tierTableSql(ds, t))).join('\n'));
});
afterAll(() => duck.closeSync());

describe.each(Object.entries(SPEC_FIXTURES))('compile %s', (name, spec) => {
  it('matches the Druid golden SQL and parses as Druid SQL', async () => {
    const q = compile(spec, 'druid');
    await expect(golden(q)).toMatchFileSnapshot(`__golden__/${name}.druid.sql`);
    expect(SqlQuery.parse(q.sql).toString()).toBe(q.sql);
    expect(q.sql.split('?').length - 1).toBe(q.params.length);
  });

  it('matches the DuckDB golden SQL and DuckDB accepts it', async () => {
    const q = compile(spec, 'duckdb');
    await expect(golden(q)).toMatchFileSnapshot(`__golden__/${name}.duckdb.sql`);
    const reader = await duck.runAndReadAll(q.sql, q.params.map((p) => p.value));
    expect(reader.columnNames().length).toBeGreaterThan(0);
  });
});

describe('compile with rollup tiers', () => {
  // Widened by a day and some seconds each side: whole tier rows in the middle, unaligned edges.
  const widened = (spec: QuerySpec): QuerySpec => ({ ...spec, interval: { start: spec.interval.start - 86_400_000 - 90_000, end: spec.interval.end + 86_400_000 + 30_000 } });
  it.each(Object.entries(SPEC_FIXTURES))('%s: the UNION ALL of tier parts where a tier answers, DuckDB accepts it, one parameter per ?', async (_, fixture) => {
    const spec = widened(fixture);
    const q = compile(spec, 'duckdb', tiersOf(spec));
    if (!tierParts(spec, tiersOf(spec))) {
      expect(q).toEqual(compile(spec, 'duckdb'));
      return;
    }
    expect(q.sql).toContain('UNION ALL');
    expect(q.sql.split('?').length - 1).toBe(q.params.length);
    const reader = await duck.runAndReadAll(q.sql, q.params.map((p) => p.value));
    expect(reader.columnNames().length).toBeGreaterThan(0);
  });
});

const tiersOf = (spec: QuerySpec) => datasourceTiers(findDatasource(spec.datasource)!);

describe('compile safety', () => {
  const spec = SPEC_FIXTURES['kpi-filters']!;

  it('always scopes by tenant and time, and always limits rows', () => {
    for (const s of Object.values(SPEC_FIXTURES)) {
      for (const [dialect, tiers] of [['duckdb', []], ['duckdb', tiersOf(s)], ['druid', []]] as const) {
        const q = compile(s, dialect, tiers);
        expect(q.sql).toMatch(/WHERE "tenant" = \?\n {2}AND "(ts|__time)" >= .*\?.*\n {2}AND "(ts|__time)" < .*\?/);
        expect(q.sql).toMatch(/\nLIMIT \d+$/);
        const tenantParam = q.sql.slice(0, q.sql.indexOf('"tenant" = ?')).split('?').length - 1;
        expect(q.params[tenantParam]).toEqual({ type: 'VARCHAR', value: s.tenant });
      }
    }
  });

  it('never puts a value into the SQL text: the text depends only on the shape', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 1, maxLength: 4 }), fc.string(), (values, tenant) => {
        const filtered: QuerySpec = { ...spec, tenant, filters: spec.filters.map((f) => ({ ...f, values: values })) };
        const blank: QuerySpec = { ...spec, tenant: 'x', filters: spec.filters.map((f) => ({ ...f, values: values.map(() => 'x') })) };
        for (const dialect of ['duckdb', 'druid'] as const) {
          for (const tiers of [[], tiersOf(spec)]) {
            const q = compile(filtered, dialect, tiers);
            expect(q.sql).toBe(compile(blank, dialect, tiers).sql);
            for (const v of values) expect(q.params.map((p) => p.value)).toContain(v);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses identifiers that are not plain names', () => {
    for (const bad of ['x"; DROP TABLE t; --', 'Tenant', 'a b', '']) expect(() => quoteIdent(bad)).toThrow();
    expect(() => compile({ ...spec, dimensions: ['country) OR (1=1'] }, 'duckdb')).toThrow();
  });

  it('caps the row limit', () => {
    expect(compile({ ...spec, limit: 10_000_000 }, 'duckdb').sql).toMatch(/LIMIT 50000$/);
    expect(() => compile({ ...spec, limit: 0 }, 'druid')).toThrow();
  });
});
