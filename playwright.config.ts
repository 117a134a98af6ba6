import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './e2e/browser';
import { APP_PORT as PORT, APP_URL, OIDC_APP_ENV } from './e2e/oidc-settings';

/**
 * Real Chromium from Debian (Playwright cannot download browsers here) against the production
 * build, started on its own port. scripts/start.mjs rebuilds only when sources changed.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: APP_URL,
    locale: 'en-US',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1440, height: 1000 },
    trace: 'retain-on-failure',
    launchOptions: CHROMIUM,
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'node scripts/start.mjs',
    // The metrics listener in the same port block (3210 → 3290): engineers' suites run side by side.
    // Single sign-on against the provider e2e/oidc.spec.ts starts on PORT + 20 (passwords work beside it);
    // e2e/embed.spec.ts sets acme's embedding up through the admin API (its host page on PORT + 10).
    // Its own embedded app-state database, apart from a development server's (PGlite is one process per
    // directory); kept between runs, since creating one takes 10–60 s on a busy machine.
    // e2e/destinations.spec.ts delivers to a receiver on loopback (PORT + 90): private addresses are allowed here.
    // e2e/reports.spec.ts receives reports by e-mail (an SMTP server on PORT + 60) and at the webhook (PORT + 70).
    env: {
      PORT: String(PORT),
      PULSE_METRICS_PORT: String(PORT + 80),
      PULSE_DATA_DIR: process.env.PULSE_DATA_DIR ?? 'var/e2e-data',
      PULSE_WEBHOOKS_ALLOW_PRIVATE: 'on',
      PULSE_SMTP_HOST: '127.0.0.1',
      PULSE_SMTP_PORT: String(PORT + 60),
      // A failed report is retried within seconds here (a minute by default).
      PULSE_REPORTS_RETRY_MS: '1000',
      ...OIDC_APP_ENV,
    },
    url: `http://127.0.0.1:${PORT}/login`,
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
