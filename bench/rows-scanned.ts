// Rows scanned as the engine counts them: DuckDB's own profile of a statement
// (EXPLAIN (ANALYZE, FORMAT json)), so a benchmark's "rows read" is what the engine read,
// row groups its zone maps skipped included, not a COUNT(*) over the range it should read.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompiledQuery } from '@/lib/sql/query';

type ProfileNode = { operator_rows_scanned?: number; cumulative_rows_scanned?: number; children?: ProfileNode[] };

/** The rows every scan of a DuckDB JSON profile read: the root's total, else the sum over its operators. */
export function rowsScannedInProfile(profileJson: string): number {
  const root = JSON.parse(profileJson) as ProfileNode;
  if (typeof root.cumulative_rows_scanned === 'number') return root.cumulative_rows_scanned;
  const walk = (n: ProfileNode): number => (n.operator_rows_scanned ?? 0) + (n.children ?? []).reduce((s, c) => s + walk(c), 0);
  return walk(root);
}

/** Runs one statement under EXPLAIN ANALYZE on `conn` and returns the rows its scans read. */
export async function rowsScanned(conn: DuckDBConnection, query: Pick<CompiledQuery, 'sql' | 'params'>): Promise<number> {
  const reader = await conn.runAndReadAll(`EXPLAIN (ANALYZE, FORMAT json) ${query.sql}`, query.params.map((p) => p.value));
  const row = reader.getRowsJS()[0];
  if (!row || typeof row[1] !== 'string') throw new Error('DuckDB returned no JSON profile');
  return rowsScannedInProfile(row[1]);
}

/** The rows a list of statements read in all (e.g. what one answer ran, from bench/statements.ts). */
export async function rowsScannedByAll(conn: DuckDBConnection, queries: readonly Pick<CompiledQuery, 'sql' | 'params'>[]): Promise<number> {
  let total = 0;
  for (const q of queries) total += await rowsScanned(conn, q);
  return total;
}
