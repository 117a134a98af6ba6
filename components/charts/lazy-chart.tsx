'use client';

import dynamic from 'next/dynamic';

/**
 * ECharts arrives in its own chunk, only when a chart is wanted interactive (chart.tsx); the
 * placeholder holds the space.
 */
export const LazyChart = dynamic(() => import('./echart'), {
  ssr: false,
  loading: () => <div className="chart-canvas skeleton" aria-hidden="true" />,
});
