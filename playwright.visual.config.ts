import { defineConfig, devices, type Project } from '@playwright/test';
import { CHROMIUM } from './e2e/browser';
import { ANCHOR, VIEW_TZ, VISUAL_PORT } from './e2e/visual/settings';

/**
 * Visual regression (`npm run test:visual`): every dashboard at 1440 and 390 px in both colour
 * schemes, compared with the committed baselines in e2e/visual/baselines/. Its own app server
 * and app-state database, on sample data frozen at ANCHOR (e2e/visual/settings.ts).
 * New baselines: `npm run test:visual -- --update-snapshots`.
 */
const WIDTHS = {
  desktop: { viewport: { width: 1440, height: 1000 } },
  // A phone's user agent too: the server draws a phone's first view for it (app/d/[id]/page.tsx).
  mobile: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, userAgent: devices['Pixel 7'].userAgent },
} satisfies Record<string, Project['use']>;

export default defineConfig({
  testDir: 'e2e/visual',
  testMatch: '*.visual.ts',
  outputDir: 'test-results/visual',
  snapshotPathTemplate: 'e2e/visual/baselines/{arg}-{projectName}-{platform}{ext}',
  timeout: 60_000,
  expect: {
    timeout: 15_000,
    // Small: a colour distance of 0.05 (the default 0.2 misses a changed palette colour) and a few pixels; see README "Tests".
    toHaveScreenshot: { maxDiffPixels: 50, threshold: 0.05, animations: 'disabled', caret: 'hide', scale: 'css', stylePath: 'e2e/visual/screenshot.css' },
  },
  workers: 2,
  // A difference is a regression to look at, not a flake to retry away.
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${VISUAL_PORT}`,
    locale: 'en-US',
    timezoneId: VIEW_TZ,
    reducedMotion: 'reduce',
    // The screenshot stylesheet (stylePath) is a <style> of Playwright's, which the pages' CSP would refuse.
    bypassCSP: true,
    launchOptions: CHROMIUM,
  },
  projects: Object.entries(WIDTHS).flatMap(([width, use]) =>
    (['light', 'dark'] as const).map((colorScheme) => ({ name: `${width}-${colorScheme}`, use: { ...use, colorScheme } })),
  ),
  webServer: {
    command: 'node scripts/start.mjs',
    env: {
      PORT: String(VISUAL_PORT),
      PULSE_METRICS_PORT: 'off',
      PULSE_DATA_DIR: 'var/visual-data',
      PULSE_LIVE: 'off',
      PULSE_SAMPLE_ANCHOR: ANCHOR,
    },
    url: `http://127.0.0.1:${VISUAL_PORT}/login`,
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
