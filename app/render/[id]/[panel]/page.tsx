import { Suspense } from 'react';
import { RenderView } from '@/components/render/render-view';

type Props = { params: Promise<{ id: string; panel: string }> };

export const metadata = { title: 'Export', robots: { index: false } };

/** One panel of a dashboard as a PNG export draws it (see ../page.tsx). */
export default async function RenderPanelPage({ params }: Props) {
  const { id, panel } = await params;
  return (
    <Suspense>
      <RenderView dashboardId={id} panelId={panel} />
    </Suspense>
  );
}
