'use client';

import { useMemo, useSyncExternalStore } from 'react';
import type { ChartTheme } from '@/lib/ui/chart-options';

const DARK = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void) {
  const media = window.matchMedia(DARK);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

export type SchemeTheme = ChartTheme & { scheme: 'light' | 'dark' };

/**
 * Chart colours from the page's CSS variables, read again whenever the OS theme flips. Charts
 * key on `scheme`: a new chart per theme is simpler than merging every colour into the old one.
 */
export function useChartTheme(): SchemeTheme | null {
  const scheme = useSyncExternalStore(
    subscribe,
    () => (window.matchMedia(DARK).matches ? 'dark' : 'light'),
    () => null,
  );
  return useMemo(() => {
    if (!scheme) return null;
    const style = getComputedStyle(document.documentElement);
    const v = (name: string) => style.getPropertyValue(name).trim();
    return {
      scheme,
      text: v('--chart-text'),
      muted: v('--chart-muted'),
      grid: v('--chart-grid'),
      tooltipBg: v('--chart-tooltip-bg'),
      tooltipText: v('--chart-tooltip-text'),
      tooltipBorder: v('--chart-tooltip-border'),
      brush: v('--chart-brush'),
      other: v('--chart-other'),
      palette: Array.from({ length: 10 }, (_, i) => v(`--chart-${i + 1}`)),
    };
  }, [scheme]);
}
