'use client';

import { useMemo, useState, type ComponentProps, type PointerEvent, type TouchEvent } from 'react';
import type { ChartOption } from '@/lib/ui/chart-options';
import { LazyChart } from './lazy-chart';

type Props = Omit<ComponentProps<typeof LazyChart>, 'option' | 'onDrawn' | 'tipAt'> & {
  /** Builds the chart's option; called only once the canvas is wanted (the SVG needs none). */
  option: (() => ChartOption) | null;
  /** The server's SVG of this answer: the first paint, until the chart is wanted interactive. */
  svg?: string;
};

/**
 * A chart that starts as the server's SVG and becomes the interactive ECharts canvas when it is
 * wanted: the pointer or a finger reaches it, or its answer changes (a live refresh; the panel
 * then stops passing the SVG). Until then no ECharts code runs and no option is built (the
 * panels pass a builder), which keeps a phone's first seconds free for the page. The canvas is
 * laid over the SVG and the SVG goes once it is drawn; the tooltip then opens where the pointer
 * or finger came in, so a phone's first tap shows it.
 */
export function Chart({ svg, option, ...rest }: Props) {
  const [wanted, setWanted] = useState<{ x: number; y: number } | null>(null);
  const [drawn, setDrawn] = useState(false);
  const live = option !== null && (!svg || wanted !== null);
  const built = useMemo(() => (live && option ? option() : null), [live, option]);
  const want = (e: PointerEvent<HTMLElement> | TouchEvent<HTMLElement>) => {
    if (wanted) return;
    const at = 'touches' in e ? e.touches[0] : e;
    const box = e.currentTarget.getBoundingClientRect();
    setWanted(at ? { x: at.clientX - box.left, y: at.clientY - box.top } : { x: 0, y: 0 });
  };
  return (
    <div className="chart-frame" onPointerEnter={want} onTouchStart={want}>
      {svg && !drawn && (
        // The label is the canvas chart's; until it is there the SVG carries it.
        <div className="chart-svg" data-ssr-chart role="img" aria-label={rest.label} dangerouslySetInnerHTML={{ __html: svg }} />
      )}
      {built && <LazyChart {...rest} option={built} tipAt={wanted ?? undefined} onDrawn={() => setDrawn(true)} />}
    </div>
  );
}
