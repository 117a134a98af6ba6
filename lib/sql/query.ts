export type ParamType = 'VARCHAR' | 'BIGINT' | 'TIMESTAMP';
export type Param = { type: ParamType; value: string | number };

/** SQL text and its positional parameters travel together, always. */
export type CompiledQuery = { sql: string; params: Param[] };

/** Hard ceiling on rows any query may return. */
export const MAX_ROWS = 50_000;

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return `"${name}"`;
}

/**
 * A string literal of declared config (a measure's filter value), never of a request: those
 * are always bound as parameters. Quotes are doubled and control characters refused.
 */
export function quoteLiteral(value: string): string {
  if (/\p{Cc}/u.test(value)) throw new Error('control character in a literal');
  return `'${value.replaceAll("'", "''")}'`;
}
