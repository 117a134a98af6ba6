import type { PublicDashboard } from '@/lib/dashboards/public';

/** The `<option>`s of a dashboard's dimensions, by label, for every select that picks one. */
export function DimensionOptions({ dashboard }: { dashboard: Pick<PublicDashboard, 'dimensions'> }) {
  return dashboard.dimensions.map((d) => (
    <option key={d.id} value={d.id}>
      {d.label}
    </option>
  ));
}
