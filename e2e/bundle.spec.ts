import { expect, test } from '@playwright/test';
import { firstLoadJs } from '@/lib/testing/first-load';
import { openDashboard, signIn } from './helpers';

/** Strings only the ECharts runtime carries (action and component names survive minification). */
const ECHARTS_MARKERS = ['takeGlobalCursor', 'dataZoom', 'brushSelected'];

test('ECharts is not in the first-load JavaScript of a dashboard, and arrives when a chart is wanted', async ({ page, context }, info) => {
  await signIn(context, 'demo@acme.test');
  const html = await (await context.request.get('/d/cluster-overview?v=1&r=P1D&tz=UTC')).text();
  const { scripts, raw, gzip } = await firstLoadJs(html, async (src) => (await context.request.get(src)).body());
  const initial = scripts.map((s) => s.src);
  expect(initial.length).toBeGreaterThan(0);
  for (const { src, body } of scripts) {
    for (const marker of ECHARTS_MARKERS) expect(body.toString('utf8'), `${src} contains ${marker}`).not.toContain(marker);
  }
  info.annotations.push({ type: 'first-load JS /d/[id]', description: `${initial.length} files, ${raw} B raw, ${gzip} B gzip` });
  console.log(`first-load JS for /d/[id]: ${initial.length} files, ${(raw / 1024).toFixed(1)} kB raw, ${(gzip / 1024).toFixed(1)} kB gzip`);

  const lazy: string[] = [];
  page.on('response', async (r) => {
    if (r.url().endsWith('.js') && !initial.some((s) => r.url().endsWith(s)) && (await r.text()).includes('takeGlobalCursor')) lazy.push(r.url());
  });
  // A view in the zone the server draws in (this browser's is Berlin), whose answers the request above cached.
  await openDashboard(page, 'cluster-overview', 'v=1&r=P1D&tz=UTC');
  // The charts are the server's SVG until the pointer reaches one (components/charts/chart.tsx).
  await expect(page.locator('[data-ssr-chart] svg').first()).toBeVisible();
  expect(lazy).toEqual([]);
  await page.locator('[data-panel="throughput"] .chart-frame').hover();
  await expect.poll(() => lazy.length).toBeGreaterThan(0);
});
