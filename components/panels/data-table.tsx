import type { ReactNode } from 'react';
import styles from './panel.module.css';

export type TableColumn = { id: string; label: string; numeric?: boolean; sort?: 'ascending' | 'descending' | 'none' };
/**
 * `drill.cell`: the cell holding the drill button, the one showing the value it filters to (default the first).
 * `rows`: "show the rows" behind this row, a button in a last column of its own.
 */
export type TableRow = { key: string; cells: ReactNode[]; drill?: { label: string; onSelect: () => void; cell?: number }; rows?: { label: string; onSelect: () => void } };

/** Long free text (alert messages) wraps; names and numbers stay on one line. */
const WRAP_FROM = 32;

function cellClass(column: TableColumn | undefined, cell: ReactNode): string | undefined {
  if (column?.numeric) return styles.num;
  return typeof cell === 'string' && cell.length > WRAP_FROM ? styles.wrap : undefined;
}

/**
 * The table panel and the "as table" view of every chart. Rows with a drill action filter on
 * their value when clicked; a button in the value's cell is the keyboard path to the same action.
 */
export function DataTable({
  caption,
  columns,
  rows,
  onSort,
}: {
  caption: string;
  columns: TableColumn[];
  rows: TableRow[];
  onSort?: (columnId: string) => void;
}) {
  const withRows = rows.some((r) => r.rows);
  return (
    // Focusable so keyboard users can scroll it; named so they know what they scroll.
    <div className={styles.tableScroll} tabIndex={0} role="region" aria-label={caption}>
      <table className={styles.table}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id} scope="col" className={c.numeric ? styles.num : undefined} aria-sort={c.sort}>
                {onSort && c.sort ? (
                  <button type="button" className={styles.sortButton} onClick={() => onSort(c.id)}>
                    {c.label}
                    <span aria-hidden="true">{c.sort === 'descending' ? '↓' : c.sort === 'ascending' ? '↑' : '↕'}</span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
            {withRows && (
              <th scope="col">
                <span className="sr-only">Stored rows</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={row.drill ? styles.clickable : undefined} onClick={row.drill?.onSelect}>
              {row.cells.map((cell, i) => (
                <td key={columns[i]?.id ?? i} className={cellClass(columns[i], cell)}>
                  {row.drill && i === (row.drill.cell ?? 0) ? (
                    <button type="button" className={styles.drillButton} aria-label={row.drill.label}>
                      {cell}
                    </button>
                  ) : (
                    cell
                  )}
                </td>
              ))}
              {withRows && (
                <td>
                  {row.rows && (
                    // Its own action: the row's click (drill) is not also taken.
                    <button type="button" className="btn btn-ghost btn-small" aria-label={row.rows.label} onClick={(e) => (e.stopPropagation(), row.rows!.onSelect())}>
                      Rows
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
