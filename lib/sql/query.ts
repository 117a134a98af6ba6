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
