'use client';

import dynamic from 'next/dynamic';

const loadChart = () => import('./echart');

/**
 * Starts fetching the ECharts chunk without waiting for a chart to need it, so it downloads and
 * compiles while the panels' queries are still on their way.
 */
export function preloadChart(): void {
  void loadChart();
}

/** ECharts arrives in its own chunk after the page is interactive; the placeholder holds the space. */
export const LazyChart = dynamic(loadChart, {
  ssr: false,
  loading: () => <div className="chart-canvas skeleton" aria-hidden="true" />,
});
