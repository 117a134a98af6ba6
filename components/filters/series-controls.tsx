'use client';

import type { PublicDashboard } from '@/lib/dashboards/public';
import { revise } from '@/lib/ui/view-edit';
import type { View } from '@/lib/view/schema';
import { Field } from '../field';
import { DimensionOptions } from './dimension-options';

const PANEL_DEFAULT = '';
const NO_SPLIT = '-';
const TOP_CHOICES = [3, 5, 10, 20, 50];

/**
 * Split and top-N of the time series. Both belong to the view (one URL parameter each), so they
 * sit with the other view settings and apply to every time-series panel; "Each panel’s own"
 * keeps the split each panel declares. Top-N also sizes the top-N charts.
 */
export function SeriesControls({ dashboard, view, setView }: { dashboard: PublicDashboard; view: View; setView: (view: View) => void }) {
  if (!dashboard.panels.some((p) => p.type === 'timeseries')) return null;
  const splitValue = view.split === undefined ? PANEL_DEFAULT : view.split === null ? NO_SPLIT : view.split;
  const limits = TOP_CHOICES.includes(view.limit) ? TOP_CHOICES : [...TOP_CHOICES, view.limit].sort((a, b) => a - b);
  return (
    <>
      <Field label="Split by" inline>
        {(id) => (
          <select
            id={id}
            value={splitValue}
            onChange={(e) => {
              const v = e.target.value;
              setView(revise(view, { split: v === PANEL_DEFAULT ? undefined : v === NO_SPLIT ? null : v }));
            }}
          >
            <option value={PANEL_DEFAULT}>Each panel’s own</option>
            <option value={NO_SPLIT}>No split (totals)</option>
            <DimensionOptions dashboard={dashboard} />
          </select>
        )}
      </Field>
      <Field label="Top" inline>
        {(id) => (
          <select id={id} value={view.limit} onChange={(e) => setView(revise(view, { limit: Number(e.target.value) }))}>
            {limits.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
