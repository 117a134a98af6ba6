'use client';

import { useQueries } from '@tanstack/react-query';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { columnLabel } from '@/lib/dashboards/public';
import { valuesQuery } from '@/lib/ui/queries';
import { withFilter } from '@/lib/ui/view-edit';
import type { View } from '@/lib/view/schema';
import styles from './filter-bar.module.css';

type Props = { dashboard: PublicDashboard; view: View; setView: (view: View) => void; tenantName: string };

/** Checking every value would cost a query each; a shared link rarely carries more. */
const MAX_CHECKED = 10;

/**
 * Filters on values this tenant's data does not have. Typical cause: a link shared from
 * another organisation. Dashboards are the same for everyone but each tenant sees only its
 * own data, so say that plainly instead of leaving a page of empty panels unexplained.
 */
export function MissingValuesNotice({ dashboard, view, setView, tenantName }: Props) {
  const checks = view.filters
    .filter((f) => f.op === 'in')
    .flatMap((f) => f.values.map((value) => ({ dim: f.dim, value })))
    .slice(0, MAX_CHECKED);
  // Without the other filters: the question is whether the value exists at all in this range.
  const unfiltered = { ...view, filters: [] };
  const results = useQueries({ queries: checks.map((c) => valuesQuery(dashboard.id, c.dim, c.value, unfiltered)) });
  const missing = checks.filter((c, i) => {
    const data = results[i]?.data;
    return data !== undefined && !results[i]?.isPlaceholderData && !data.values.some((v) => v.value === c.value);
  });
  if (missing.length === 0) return null;

  function removeMissing() {
    const next = missing.reduce((v, m) => {
      const f = v.filters.find((x) => x.dim === m.dim && x.op === 'in');
      return f ? withFilter(v, m.dim, 'in', f.values.filter((x) => x !== m.value)) : v;
    }, view);
    setView(next);
  }

  return (
    <div className={styles.notice} role="status" data-testid="missing-values">
      <p>
        <strong>
          {tenantName}’s data has nothing for{' '}
          {missing.map((m, i) => (
            <span key={`${m.dim}:${m.value}`}>
              {i > 0 && ', '}
              {columnLabel(dashboard, m.dim)} “{m.value}”
            </span>
          ))}{' '}
          in this time range.
        </strong>{' '}
        If this link came from another organisation, its filters name their values: every organisation sees only its own data.
      </p>
      <button type="button" className="btn btn-small" onClick={removeMissing}>
        Remove {missing.length === 1 ? 'this value' : 'these values'}
      </button>
    </div>
  );
}
