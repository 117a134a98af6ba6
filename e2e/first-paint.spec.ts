import { expect, test } from '@playwright/test';
import { DASHBOARDS, interactive, openDashboard, panel, signIn, withoutStream } from './helpers';

test.beforeEach(async ({ context, page }) => {
  await signIn(context, 'demo@acme.test');
  // The refreshes here are the polling ones (live push has its own spec, live-push.spec.ts).
  await withoutStream(page);
});

const VIEW = 'v=1&r=PT1H&tz=UTC';

test('the server sends every chart of the first view drawn as SVG, before any script runs', async ({ context }) => {
  const dashboard = DASHBOARDS.find((d) => d.id === 'cluster-overview')!;
  const charts = dashboard.panels.filter((p) => p.type === 'timeseries' || p.type === 'topn').map((p) => p.id);
  expect(charts.length).toBeGreaterThan(1);
  // The first request may find the answers cold (the server waits for them only so long); the
  // second finds them cached, as every later viewer of the view does.
  await context.request.get(`/d/${dashboard.id}?${VIEW}`);
  const html = await (await context.request.get(`/d/${dashboard.id}?${VIEW}`)).text();
  for (const id of charts) {
    // The skeleton streams first; the answered panel follows in the same response.
    const sections = [...html.matchAll(new RegExp(`<section[^>]*data-panel="${id}"[\\s\\S]*?</section>`, 'g'))].map((m) => m[0]);
    const section = sections.find((s) => s.includes('data-state="ready"')) ?? '';
    expect(section, `${id} is answered in the page`).not.toBe('');
    expect(section, `${id} is drawn as SVG`).toMatch(/data-ssr-chart[^>]*><svg[^>]*viewBox="0 0 \d+ \d+"[\s\S]*<path d="M/);
    // Drawn in the page's colours, so the light and the dark scheme both fit it.
    expect(section, `${id} uses the chart colours`).toMatch(/(fill|stroke)="var\(--chart-\d+\)"/);
  }
});

test('a live refresh changes the chart in place: same ECharts instance, same canvas, new data', async ({ page }) => {
  await openDashboard(page, 'cluster-overview', VIEW);
  const throughput = panel(page, 'throughput');
  const canvas = await interactive(throughput);
  await page.mouse.move(0, 0);
  await expect(throughput.locator('[data-ssr-chart]')).toHaveCount(0);
  const instance = await throughput.locator('.chart-canvas').getAttribute('_echarts_instance_');
  expect(instance).toBeTruthy();
  await canvas.evaluate((c) => c.setAttribute('data-test-mark', 'before-refresh'));
  const before = await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());

  // Live panels ask again every 10 s; the sample data grows every second, so the answer moves.
  await page.waitForResponse((r) => r.url().endsWith('/api/query') && r.request().postDataJSON()?.panel === 'throughput' && r.status() === 200, { timeout: 30_000 });
  await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL()), { timeout: 20_000 }).not.toBe(before);
  await expect(throughput.locator('.chart-canvas')).toHaveCount(1);
  expect(await throughput.locator('.chart-canvas').getAttribute('_echarts_instance_')).toBe(instance);
  await expect(throughput.locator('canvas[data-test-mark="before-refresh"]')).toHaveCount(1);
});

test('a live refresh turns every server SVG into a drawn canvas, one chart per task, and they still answer the pointer', async ({ page }) => {
  await openDashboard(page, 'cluster-overview', VIEW);
  const dashboard = DASHBOARDS.find((d) => d.id === 'cluster-overview')!;
  const charts = dashboard.panels.filter((p) => p.type === 'timeseries' || p.type === 'topn').map((p) => panel(page, p.id));
  for (const chart of charts) await expect(chart.locator('[data-ssr-chart] svg')).toHaveCount(1);
  // Each chart's set-up is a task of its own: record which task each canvas appeared in.
  await page.evaluate(() => {
    const w = window as unknown as { setups: number[]; task: number };
    w.setups = [];
    w.task = 0;
    const tick = () => setTimeout(() => ((w.task += 1), tick()), 0);
    tick();
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLCanvasElement) w.setups.push(w.task);
    }).observe(document.body, { childList: true, subtree: true });
  });

  // No pointer: the refresh alone brings the canvases, once the new answers arrive.
  for (const chart of charts) {
    await expect(chart.locator('[data-ssr-chart]')).toHaveCount(0, { timeout: 30_000 });
    await expect(chart.locator('.chart-canvas[data-drawn="true"]')).toHaveCount(1);
  }
  const setups = await page.evaluate(() => (window as unknown as { setups: number[] }).setups);
  expect(setups.length).toBeGreaterThanOrEqual(charts.length);
  expect(new Set(setups).size, `canvases per task: ${setups.join(',')}`).toBe(setups.length);

  // A canvas drawn this way is the interactive chart: hovering it opens the tooltip.
  const throughput = panel(page, 'throughput');
  const box = (await throughput.locator('.chart-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
  // ECharts puts its tooltip beside the canvas, inside the chart's element.
  await expect(throughput.locator('.chart-canvas > div').filter({ hasText: /\d\d:\d\d/ })).toBeVisible();
});
