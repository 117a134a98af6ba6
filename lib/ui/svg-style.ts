/**
 * ECharts' server-side SVG sets text fonts in `style` attributes and hover rules in `<style>`
 * elements, both of which the page's CSP (style-src without 'unsafe-inline') refuses once the SVG
 * is in the document. SVG has a presentation attribute for each property it writes in `style`, so
 * they move into those: the same drawing, no inline style. The hover rules go: the first view is a
 * picture, and the pointer on it brings the interactive canvas (components/charts/chart.tsx).
 */
const STYLE_ATTRIBUTE = /\sstyle="([^"]*)"/g;
const STYLE_ELEMENT = /<style\b[^>]*>[\s\S]*?<\/style>/g;

/** `font: normal normal 12px sans-serif` → style, weight, size and family. */
function fontShorthand(value: string): [string, string][] {
  const words = value.trim().split(/\s+/);
  const sizeAt = words.findIndex((w) => /^\d/.test(w));
  if (sizeAt < 0) return [['font-family', value.trim()]];
  // Before the size: style and weight, either alone ("bold 14px", "italic 14px") or both.
  const before = words.slice(0, sizeAt);
  const weightOnly = before.length === 1 && /^(\d+|bold|bolder|lighter)$/.test(before[0]!);
  const [style, weight] = weightOnly ? [undefined, before[0]] : before;
  const out: [string, string][] = [];
  if (style) out.push(['font-style', style]);
  if (weight) out.push(['font-weight', weight]);
  out.push(['font-size', words[sizeAt]!.split('/')[0]!]);
  const family = words.slice(sizeAt + 1).join(' ');
  if (family) out.push(['font-family', family]);
  return out;
}

function declarations(style: string): [string, string][] {
  // A quoted family name arrives as &quot;, whose ';' is not a separator: single quotes say the same.
  return style
    .replaceAll('&quot;', "'")
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .flatMap((d): [string, string][] => {
      const colon = d.indexOf(':');
      if (colon < 0) return [];
      const name = d.slice(0, colon).trim().toLowerCase();
      const value = d.slice(colon + 1).trim();
      return name === 'font' ? fontShorthand(value) : [[name, value]];
    });
}

export function withoutInlineStyles(svg: string): string {
  return svg.replace(STYLE_ELEMENT, '').replace(STYLE_ATTRIBUTE, (_, style: string) => declarations(style).map(([name, value]) => ` ${name}="${value}"`).join(''));
}
