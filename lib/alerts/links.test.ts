import { describe, expect, it } from 'vitest';
import { decodeView } from '@/lib/view/codec';
import { alertHref } from './links';

describe('alertHref', () => {
  it('opens the rule’s dashboard on the alert window with compare to the previous week', () => {
    const start = Date.parse('2026-11-25T13:05:00Z');
    const href = alertHref({ rule: 'login_spike', window_start: start, window_end: start + 300_000 }, 'Europe/Berlin');
    const [path, search] = href.split('?');
    expect(path).toBe('/d/security-logins');
    const decoded = decodeView(search!);
    expect(decoded.ok && decoded.view).toMatchObject({
      range: { start: '2026-11-25T11:05:00.000Z', end: '2026-11-25T14:10:00.000Z' },
      compare: 'P1W',
      tz: 'Europe/Berlin',
    });
  });

  it('falls back to the Alerts dashboard for unknown rules', () => {
    expect(alertHref({ rule: 'custom', window_start: 0, window_end: 60_000 })).toMatch(/^\/d\/alerts\?/);
  });
});
