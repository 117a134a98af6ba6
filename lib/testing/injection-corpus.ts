/**
 * SQL-injection payloads for every value position: classic tautologies, stacked queries,
 * comments, UNIONs, time-based probes and dialect tricks for DuckDB and Druid, each also
 * wrapped in the quoting and encoding variants attackers use to slip past naive escaping.
 */
const BASE = [
  "' OR '1'='1",
  "' OR 1=1 --",
  '" OR "1"="1',
  "') OR ('1'='1",
  "'; DROP TABLE logins; --",
  "'; DELETE FROM cluster_metrics; --",
  "' UNION SELECT tenant FROM logins --",
  "' UNION ALL SELECT NULL, NULL, NULL --",
  "' AND 1=0 UNION SELECT table_name FROM information_schema.tables --",
  "' OR tenant = 'globex' --",
  "' OR tenant <> 'acme' --",
  "acme' --",
  "x' OR 'x'='x",
  "1; SELECT pg_sleep(5)",
  "' OR SLEEP(5) --",
  "'; ATTACH 'evil.db' AS e; --",
  "'; COPY logins TO '/tmp/x.csv'; --",
  "' || (SELECT version()) || '",
  "' || CAST((SELECT COUNT(*) FROM logins) AS VARCHAR) || '",
  "\\'; DROP TABLE alerts; --",
  "%' OR '%'='",
  '_',
  '%',
  '*',
  '\\',
  "''",
  '"',
  '`',
  ';',
  '--',
  '/*',
  '*/',
  "' /*",
  '$1',
  '?',
  ':tenant',
  '${tenant}',
  "'); EXECUTE IMMEDIATE 'SELECT 1'; --",
  "' OR EXISTS(SELECT 1 FROM sys.segments) --",
  "' OR __time > 0 --",
  'INFORMATION_SCHEMA.COLUMNS',
  "CHR(39)||'x",
  "' AND LOOKUP('x','y') IS NULL --",
];

const WRAPS: ((s: string) => string)[] = [
  (s) => s,
  (s) => `acme-prod-us${s}`,
  (s) => s.toUpperCase(),
  (s) => encodeURIComponent(s),
  (s) => `\u0000${s}`,
  (s) => `${s}\n`,
];

export const INJECTION_PAYLOADS: string[] = [...new Set(BASE.flatMap((b) => WRAPS.map((w) => w(b))))].filter((p) => p.length <= 200);

/** Harmless stand-in that matches nothing, for "identical results" comparisons. */
export const HARMLESS = 'zz-harmless-value-that-matches-nothing';
