'use client';
/**
 * The only module that imports the ECharts runtime, and only the parts we draw with. It is
 * loaded through lazy-chart.tsx, so ECharts stays out of the first-load bundle.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { BrushComponent, GridComponent, LegendScrollComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use as install, type ECElementEvent, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChartOption } from '@/lib/ui/chart-options';
import { livePatch } from '@/lib/ui/live-patch';
import { turns } from './turns';

install([LineChart, BarChart, GridComponent, TooltipComponent, LegendScrollComponent, BrushComponent, MarkLineComponent, MarkAreaComponent, CanvasRenderer]);

/** Charts set up (initialised and first drawn) one per task: a live refresh may bring them all at once. */
const setups = turns();

type ChartClick = Pick<ECElementEvent, 'seriesId' | 'dataIndex' | 'componentType' | 'value'>;

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
  // Latest handlers and option without re-binding chart events on every render.
  const latest = useRef({ onItemClick, onBrush, onDrawn, option });
  useEffect(() => {
    latest.current = { onItemClick, onBrush, onDrawn, option };
  });
  const firstTip = useRef(tipAt);
  // Set once the chart exists; it is created in its turn (setups), not in this commit.
  const [ready, setReady] = useState(false);

  const draw = useCallback((c: ECharts, next: ChartOption) => {
    el.current?.setAttribute('data-drawn', 'false');
    const patch = drawn.current && livePatch(drawn.current, next);
    drawn.current = next;
    if (patch) {
      // Same chart, new numbers: merged by series id, drawn on the next frame, no layout of the rest.
      c.setOption(patch, { lazyUpdate: true });
      return;
    }
    // replaceMerge drops series that left (a split value fell out of the top N) but keeps legend state.
    c.setOption(next, { replaceMerge: ['series'] });
    if (firstTip.current) c.dispatchAction({ type: 'showTip', ...firstTip.current });
    firstTip.current = undefined;
    // On a touch screen a drag must scroll the page and a tap show the tooltip, so no brush there.
    if (next.brush && !window.matchMedia('(pointer: coarse)').matches) {
      // Dragging across the plot brushes a time range right away, Grafana-style, with no toolbox click.
      c.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: { brushType: 'lineX', brushMode: 'single' } });
    }
  }, []);

  useEffect(() => {
    let c: ECharts | null = null;
    let resize: ResizeObserver | null = null;
    const cancel = setups.take(() => {
      const chartEl = el.current;
      if (!chartEl) return;
      const created = init(chartEl, null, { renderer: 'canvas' });
      c = chart.current = created;
      created.on('click', (e) => latest.current.onItemClick?.(e as ECElementEvent));
      // A marker for tests and the page benchmark: the latest option is painted.
      created.on('finished', () => {
        el.current?.setAttribute('data-drawn', 'true');
        latest.current.onDrawn?.();
      });
      created.on('brushEnd', (e) => {
        const area = (e as { areas?: { coordRange?: unknown }[] }).areas?.[0];
        const range = area?.coordRange as [number, number] | undefined;
        created.dispatchAction({ type: 'brush', areas: [] });
        if (range) latest.current.onBrush?.(range);
      });
      resize = new ResizeObserver(() => created.resize());
      resize.observe(chartEl);
      // Drawn in this same turn, with the newest option by now.
      draw(created, latest.current.option);
      setReady(true);
    });
    return () => {
      cancel();
      resize?.disconnect();
      c?.dispose();
      chart.current = null;
      drawn.current = null;
    };
  }, [draw]);

  useEffect(() => {
    const c = chart.current;
    if (ready && c && drawn.current !== option) draw(c, option);
  }, [ready, option, draw]);

  return <div ref={el} className="chart-canvas" role="img" aria-label={label} />;
}
