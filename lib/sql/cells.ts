export type Cell = string | number | boolean | null;
export type Row = Cell[];

/** Engines hand back BigInt and decimal objects; the API speaks plain JSON numbers. */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object' && 'toDouble' in v && typeof v.toDouble === 'function') return v.toDouble() as number;
  return String(v);
}
