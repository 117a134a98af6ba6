import { describe, expect, it } from 'vitest';
import { escapeHtml, seriesColor } from './chart-options';
import { testTheme } from './chart-theme.fixtures';

describe('escapeHtml', () => {
  it('neutralizes markup in customer values shown in tooltips', () => {
    expect(escapeHtml(`<img src=x onerror="a">&'`)).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;');
  });
});

describe('seriesColor', () => {
  it('cycles the palette and keeps grey for Other', () => {
    expect([0, 1, 2, 3].map((i) => seriesColor(testTheme, 'x', i))).toEqual(['#a00', '#0a0', '#00a', '#a00']);
    expect(seriesColor(testTheme, null, 0)).toBe('#999');
  });
});
