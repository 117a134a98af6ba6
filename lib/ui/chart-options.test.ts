import { describe, expect, it } from 'vitest';
import { escapeHtml } from './chart-options';

describe('escapeHtml', () => {
  it('neutralizes markup in customer values shown in tooltips', () => {
    expect(escapeHtml(`<img src=x onerror="a">&'`)).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;');
  });
});
