/**
 * The one SQL interface of the app-state database: PostgreSQL (pg) or embedded PostgreSQL
 * (PGlite) behind the same three calls, so every repository runs the same SQL on both.
 * Values are always bound parameters ($1, $2, …).
 */
export interface Queryable {
  /** One statement with bound parameters; its rows. */
  query<T extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
