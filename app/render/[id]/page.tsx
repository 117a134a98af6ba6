import { Suspense } from 'react';
import { RenderView } from '@/components/render/render-view';

type Props = { params: Promise<{ id: string }> };

export const metadata = { title: 'Export', robots: { index: false } };

/**
 * A dashboard as a PDF export draws it (lib/render/renderer.ts). The page holds no data and
 * reads no cookie: every answer is fetched with the export's render token, which the server's
 * browser adds to the page's requests (lib/auth/render-token.ts). Opened by anyone else, it
 * shows nothing but the API's 401.
 */
export default async function RenderDashboardPage({ params }: Props) {
  const { id } = await params;
  return (
    <Suspense>
      <RenderView dashboardId={id} />
    </Suspense>
  );
}
