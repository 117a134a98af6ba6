import type { LaunchOptions } from '@playwright/test';

/** Debian's Chromium (Playwright cannot download browsers here), as both Playwright configs launch it. */
export const CHROMIUM: LaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};
