import { describe, expect, it } from 'vitest';
import { withoutInlineStyles } from './svg-style';

describe('server SVG without inline styles', () => {
  it('moves font declarations into presentation attributes', () => {
    expect(withoutInlineStyles('<text x="1" style="font-size:12px;font-family:sans-serif;">a</text>')).toBe(
      '<text x="1" font-size="12px" font-family="sans-serif">a</text>',
    );
  });

  it('spells the font shorthand out', () => {
    expect(withoutInlineStyles('<text style="font: normal normal 12px sans-serif">a</text>')).toBe(
      '<text font-style="normal" font-weight="normal" font-size="12px" font-family="sans-serif">a</text>',
    );
    expect(withoutInlineStyles('<text style="font: bold 14px/1.2 &quot;Inter&quot;, sans-serif">a</text>')).toBe(
      `<text font-weight="bold" font-size="14px" font-family="'Inter', sans-serif">a</text>`,
    );
  });

  it('leaves no style attribute or element behind and touches nothing else', () => {
    const svg = '<svg width="4"><style>\n.zr0-cls-0:hover {\ncursor:pointer;\n}\n</style><path d="M0 0" fill="var(--chart-1)"></path><text style="font-size:12px">x</text></svg>';
    const out = withoutInlineStyles(svg);
    expect(out).not.toMatch(/style/);
    expect(out).toContain('<path d="M0 0" fill="var(--chart-1)"></path>');
  });
});
