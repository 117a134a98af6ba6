'use client';
/**
 * The only module that imports the ECharts runtime, and only the parts we draw with. It is
 * loaded through lazy-chart.tsx, so ECharts stays out of the first-load bundle.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { BrushComponent, GridComponent, LegendScrollComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use as install, type ECElementEvent, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChartOption } from '@/lib/ui/chart-options';
import { livePatch } from '@/lib/ui/live-patch';

install([LineChart, BarChart, GridComponent, TooltipComponent, LegendScrollComponent, BrushComponent, MarkLineComponent, MarkAreaComponent, CanvasRenderer]);

type ChartClick = Pick<ECElementEvent, 'seriesId' | 'dataIndex' | 'componentType'>;

type EChartProps = {
  option: ChartOption;
  label: string;
  onItemClick?: (e: ChartClick) => void;
  /** Called with the brushed x range, in axis units, when a horizontal brush ends. */
  onBrush?: (range: [number, number]) => void;
  /** Called once the first option is painted (the server's SVG can go). */
  onDrawn?: () => void;
  /** Where the pointer that asked for this chart is: its tooltip opens there once drawn. */
  tipAt?: { x: number; y: number };
};

export default function EChart({ option, label, onItemClick, onBrush, onDrawn, tipAt }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  // The option the chart holds, so a live refresh can send only what moved.
  const drawn = useRef<ChartOption | null>(null);
  // Latest handlers without re-binding chart events on every render.
  const handlers = useRef({ onItemClick, onBrush, onDrawn });
  useEffect(() => {
    handlers.current = { onItemClick, onBrush, onDrawn };
  });
  const firstTip = useRef(tipAt);

  useEffect(() => {
    const c = init(el.current!, null, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (e) => handlers.current.onItemClick?.(e as ECElementEvent));
    // A marker for tests and the page benchmark: the latest option is painted.
    c.on('finished', () => {
      el.current?.setAttribute('data-drawn', 'true');
      handlers.current.onDrawn?.();
    });
    c.on('brushEnd', (e) => {
      const area = (e as { areas?: { coordRange?: unknown }[] }).areas?.[0];
      const range = area?.coordRange as [number, number] | undefined;
      c.dispatchAction({ type: 'brush', areas: [] });
      if (range) handlers.current.onBrush?.(range);
    });
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el.current!);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
      drawn.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    el.current?.setAttribute('data-drawn', 'false');
    const patch = drawn.current && livePatch(drawn.current, option);
    drawn.current = option;
    if (patch) {
      // Same chart, new numbers: merged by series id, drawn on the next frame, no layout of the rest.
      c.setOption(patch, { lazyUpdate: true });
      return;
    }
    // replaceMerge drops series that left (a split value fell out of the top N) but keeps legend state.
    c.setOption(option, { replaceMerge: ['series'] });
    if (firstTip.current) c.dispatchAction({ type: 'showTip', ...firstTip.current });
    firstTip.current = undefined;
    // On a touch screen a drag must scroll the page and a tap show the tooltip, so no brush there.
    if (option.brush && !window.matchMedia('(pointer: coarse)').matches) {
      // Dragging across the plot brushes a time range right away, Grafana-style, with no toolbox click.
      c.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: { brushType: 'lineX', brushMode: 'single' } });
    }
  }, [option]);

  return <div ref={el} className="chart-canvas" role="img" aria-label={label} />;
}
