/**
 * The colour scheme a viewer chose. Kept in a cookie rather than localStorage so the server
 * renders `<html data-theme>` right the first time: no flash of the other scheme and no inline
 * script before paint. "system" is the absence of a choice (no cookie, no attribute).
 */
export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = 'pulse-theme';
const ONE_YEAR_S = 365 * 86_400;

export function parseTheme(value: string | undefined): Theme {
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** The document.cookie assignment that remembers a choice ("system" forgets it). */
export function themeCookie(theme: Theme): string {
  return theme === 'system'
    ? `${THEME_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`
    : `${THEME_COOKIE}=${theme}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax`;
}

/** The `data-theme` attribute of <html> for a choice; none for "system", where CSS follows the OS. */
export function themeAttribute(theme: Theme): 'light' | 'dark' | undefined {
  return theme === 'system' ? undefined : theme;
}
