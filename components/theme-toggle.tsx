'use client';

import { useState } from 'react';
import { THEMES, parseTheme, themeAttribute, themeCookie, type Theme } from '@/lib/ui/theme';
import styles from './app-header.module.css';

const LABELS: Record<Theme, string> = { light: 'Light', dark: 'Dark', system: 'System' };

function chosenTheme(): Theme {
  return parseTheme(document.documentElement.dataset.theme);
}

/** Remembers the choice and shows it at once: CSS and charts follow <html data-theme>. */
function applyTheme(theme: Theme) {
  document.cookie = themeCookie(theme);
  const attr = themeAttribute(theme);
  if (attr) document.documentElement.dataset.theme = attr;
  else delete document.documentElement.dataset.theme;
}

/** Light, dark or the system's scheme; remembered in a cookie the server reads on the next visit. */
export function ThemeToggle() {
  // Mounted inside a menu that opens after hydration, so the document can be read directly.
  const [theme, setTheme] = useState<Theme>(chosenTheme);

  function choose(next: Theme) {
    setTheme(next);
    applyTheme(next);
  }

  return (
    <fieldset className={styles.theme}>
      <legend className={styles.themeLegend}>Theme</legend>
      <div className={styles.themeOptions}>
        {THEMES.map((t) => (
          <label key={t} className={styles.themeOption}>
            <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => choose(t)} />
            {LABELS[t]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
