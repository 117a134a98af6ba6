import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { exportPanel, openDashboard, panel, signIn } from './helpers';

test('a panel downloads as CSV with a header and one line per row', async ({ page, context }) => {
  await signIn(context, 'demo@acme.test');
  await openDashboard(page, 'topics-clients', 'v=1&r=P1D&tz=UTC');
  const pairs = panel(page, 'pairs');
  const rows = Number(await pairs.getAttribute('data-rows'));
  const download = await exportPanel(page, pairs, 'CSV');
  expect(download.suggestedFilename()).toMatch(/^topics-clients-pairs-\d{4}-\d\d-\d\dT\d{4}\.csv$/);
  const lines = (await readFile((await download.path())!, 'utf8')).split('\r\n');
  expect(lines[0]).toBe('Topic,Client,Messages in,Bytes in,Max consumer lag,Errors');
  expect(lines.at(-1)).toBe('');
  expect(lines.length - 2).toBe(rows);
  expect(lines[1]).toMatch(/^acme\.[a-z]+,acme-[a-z]+,\d+,\d+,\d+,\d+$/);

  const throughput = panel(page, 'messages');
  const series = await exportPanel(page, throughput, 'CSV');
  const first = (await readFile((await series.path())!, 'utf8')).split('\r\n').slice(0, 2);
  expect(first[0]).toBe('Time,Topic,Messages in');
  expect(first[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+00:00,acme\.[a-z]+,\d+$/);
});
