import { StatusPage } from '@/components/status-page';

export default function NotFound() {
  return (
    <StatusPage code="404" title="Page not found">
      This page does not exist. Check the address, or start again from your dashboards.
    </StatusPage>
  );
}
