import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { rowsScanned, rowsScannedByAll, rowsScannedInProfile } from './rows-scanned';

describe('rows scanned from DuckDB profiles', () => {
  it('reads what a full scan read, and no fewer rows than a filter kept', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    // Ten row groups of ordered values, so the zone maps can skip most of them for a narrow range.
    await conn.run('CREATE TABLE t AS SELECT range AS i FROM range(1228800)');
    const full = { sql: 'SELECT sum(i) FROM t', params: [] };
    expect(await rowsScanned(conn, full)).toBe(1_228_800);
    const narrow = { sql: 'SELECT count(*) FROM t WHERE i >= $1 AND i < $2', params: [{ type: 'BIGINT' as const, value: 1000 }, { type: 'BIGINT' as const, value: 2000 }] };
    const kept = Number((await conn.runAndReadAll('SELECT count(*) FROM t WHERE i >= 1000 AND i < 2000')).getRowsJS()[0]![0]);
    const read = await rowsScanned(conn, narrow);
    expect(read).toBeGreaterThanOrEqual(kept);
    expect(read).toBeLessThan(1_228_800);
    expect(await rowsScannedByAll(conn, [full, narrow])).toBe(1_228_800 + read);
    conn.closeSync();
  });

  it('sums the operators when the root has no total', () => {
    const profile = { children: [{ operator_rows_scanned: 5, children: [{ operator_rows_scanned: 7 }] }, { operator_rows_scanned: 1 }] };
    expect(rowsScannedInProfile(JSON.stringify(profile))).toBe(13);
  });
});
