import { describe, expect, it } from 'vitest';
import { parseTheme, themeAttribute, themeCookie } from './theme';

describe('theme choice', () => {
  it('reads light and dark from the cookie and anything else as system', () => {
    expect(parseTheme('light')).toBe('light');
    expect(parseTheme('dark')).toBe('dark');
    expect(parseTheme(undefined)).toBe('system');
    expect(parseTheme('DARK')).toBe('system');
    expect(parseTheme('<script>')).toBe('system');
  });

  it('remembers a choice for a year and forgets "system"', () => {
    expect(themeCookie('dark')).toBe('pulse-theme=dark; Path=/; Max-Age=31536000; SameSite=Lax');
    expect(themeCookie('system')).toContain('Max-Age=0');
  });

  it('sets data-theme only for an explicit choice', () => {
    expect(themeAttribute('light')).toBe('light');
    expect(themeAttribute('system')).toBeUndefined();
  });
});
