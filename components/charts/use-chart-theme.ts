'use client';

import { useMemo, useSyncExternalStore } from 'react';
import { themeFrom, type ChartTheme } from '@/lib/ui/chart-options';

const DARK = '(prefers-color-scheme: dark)';

/** The scheme changes when the OS flips or the viewer picks one (data-theme on <html>). */
function subscribe(onChange: () => void) {
  const media = window.matchMedia(DARK);
  media.addEventListener('change', onChange);
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => {
    media.removeEventListener('change', onChange);
    observer.disconnect();
  };
}

function currentScheme(): 'light' | 'dark' {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return window.matchMedia(DARK).matches ? 'dark' : 'light';
}

export type SchemeTheme = ChartTheme & { scheme: 'light' | 'dark' };

/**
 * Chart colours from the page's CSS variables, read again whenever the scheme flips. Charts
 * key on `scheme`: a new chart per theme is simpler than merging every colour into the old one.
 */
export function useChartTheme(): SchemeTheme | null {
  const scheme = useSyncExternalStore(subscribe, currentScheme, () => null);
  return useMemo(() => {
    if (!scheme) return null;
    // The variables hold light-dark(…) pairs, which only an element's computed colour resolves.
    const probe = document.createElement('span');
    probe.hidden = true;
    document.body.append(probe);
    const v = (name: string) => {
      probe.style.color = `var(${name})`;
      return getComputedStyle(probe).color;
    };
    const theme: SchemeTheme = { scheme, ...themeFrom(v) };
    probe.remove();
    return theme;
  }, [scheme]);
}
