/**
 * The JavaScript a page loads before it is interactive: its scripts and script preloads, less
 * the legacy-browser polyfills (noModule) that Chromium never fetches. Shared by the bundle
 * test and the page benchmark.
 */
export function firstLoadScripts(html: string): string[] {
  const tags = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.js)"[^>]*>/g)].filter((m) => !/\bnoModule\b/i.test(m[0]));
  return [...new Set(tags.map((m) => m[1]!))];
}
