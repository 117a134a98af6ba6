import { StatusPage } from '@/components/status-page';

export default function DashboardNotFound() {
  return (
    <StatusPage code="404" title="Dashboard not found">
      There is no dashboard at this address. It may have been renamed or removed, or the link was cut short.
    </StatusPage>
  );
}
