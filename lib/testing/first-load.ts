import { gzipSync } from 'node:zlib';

/**
 * The JavaScript a page loads before it is interactive: its scripts and script preloads, less
 * the legacy-browser polyfills (noModule) that Chromium never fetches. Shared by the bundle
 * test and the page benchmark.
 */
export function firstLoadScripts(html: string): string[] {
  const tags = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.js)"[^>]*>/g)].filter((m) => !/\bnoModule\b/i.test(m[0]));
  return [...new Set(tags.map((m) => m[1]!))];
}

/** Fetches a page's first-load scripts: their bodies, and their total size raw and gzipped. */
export async function firstLoadJs(html: string, fetchBody: (src: string) => Promise<Buffer>) {
  const scripts = await Promise.all(firstLoadScripts(html).map(async (src) => ({ src, body: await fetchBody(src) })));
  return {
    scripts,
    raw: scripts.reduce((s, f) => s + f.body.length, 0),
    gzip: scripts.reduce((s, f) => s + gzipSync(f.body).length, 0),
  };
}
