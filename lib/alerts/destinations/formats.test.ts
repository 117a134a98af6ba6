import { describe, expect, it } from 'vitest';
import { alertEmail } from './email';
import { localWindow, valueVsThreshold, type AlertNotice } from './notice';
import { pagerDutyEvent } from './pagerduty';
import { escapeMrkdwn, slackMessage } from './slack';

const start = Date.parse('2026-12-04T05:00:00Z');
const fired: AlertNotice = {
  event: 'trigger',
  tenant: 'acme',
  incidentId: 'AbCdEfGhIjKlMnOpQrStUv',
  rule: 'login_spike',
  severity: 'critical',
  message: 'Failed logins from 203.0.113.7 <script>',
  value: 42,
  threshold: 20,
  windowStart: start,
  windowEnd: start + 300_000,
  at: start + 300_000,
  href: 'https://pulse.example.com/d/security-logins?v=1&x=1',
  tz: 'Europe/Berlin',
};
const resolved: AlertNotice = { ...fired, event: 'resolve', at: start + 1_200_000, resolvedBy: null };

describe('valueVsThreshold and localWindow', () => {
  it('states the value against the threshold in the rule’s unit and comparison', () => {
    expect(valueVsThreshold(fired)).toBe('42 failed logins per window ≥ 20');
    expect(valueVsThreshold({ ...fired, rule: 'under_replicated', windowEnd: start + 600_000, threshold: 5 })).toBe('10 minutes under-replicated > 5');
    expect(valueVsThreshold({ ...fired, rule: 'custom', value: 1.234, threshold: null })).toBe('1.23');
  });

  it('tells the window in the destination’s zone', () => {
    expect(localWindow(fired.windowStart, fired.windowEnd, 'Europe/Berlin')).toMatch(/06:00\s*–\s*06:05 CET/);
    expect(localWindow(fired.windowStart, fired.windowEnd, 'UTC')).toMatch(/05:00\s*–\s*05:05 UTC/);
  });
});

describe('slackMessage', () => {
  it('has a notification text and blocks with the rule, value vs threshold, local window and the chart link', () => {
    const m = slackMessage(fired);
    expect(m.text).toBe(`Critical: login_spike — Failed logins from 203.0.113.7 <script> <${fired.href}|Open the chart>`);
    const fields = (m.blocks[1] as { fields: { text: string }[] }).fields.map((f) => f.text);
    expect(fields).toEqual(['*Rule*\nlogin_spike', '*Severity*\ncritical', '*Value vs threshold*\n42 failed logins per window ≥ 20', expect.stringMatching(/^\*Window\*\n.*06:00\s*–\s*06:05 CET$/)]);
    expect(m.blocks[2]).toEqual({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the chart' }, url: fired.href }] });
  });

  it('escapes the alert’s words so they cannot make links or mentions', () => {
    expect(escapeMrkdwn('<!channel> & <http://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;http://x|y&gt;');
    expect(JSON.stringify(slackMessage(fired).blocks[0])).toContain('&lt;script&gt;');
  });

  it('says how an incident was resolved', () => {
    expect(slackMessage(resolved).text).toMatch(/^Resolved: login_spike/);
    expect(JSON.stringify(slackMessage(resolved).blocks[0])).toContain('Resolved automatically');
    expect(JSON.stringify(slackMessage({ ...resolved, resolvedBy: 'ada@acme.test' }).blocks[0])).toContain('Resolved by ada@acme.test');
  });
});

describe('pagerDutyEvent', () => {
  it('triggers with the incident id as dedup_key, a payload and the chart link', () => {
    expect(pagerDutyEvent(fired)).toEqual({
      event_action: 'trigger',
      dedup_key: fired.incidentId,
      payload: {
        summary: 'Critical: login_spike — Failed logins from 203.0.113.7 <script>',
        severity: 'critical',
        source: 'pulseboard/acme',
        timestamp: '2026-12-04T05:05:00.000Z',
        component: 'login_spike',
        group: 'acme',
        class: 'login_spike',
        custom_details: {
          rule: 'login_spike',
          message: fired.message,
          value_vs_threshold: '42 failed logins per window ≥ 20',
          value: 42,
          threshold: 20,
          window_start: '2026-12-04T05:00:00.000Z',
          window_end: '2026-12-04T05:05:00.000Z',
        },
      },
      links: [{ href: fired.href, text: 'Open the chart' }],
      client: 'Pulseboard',
      client_url: fired.href,
    });
  });

  it('resolves with the same dedup_key and nothing else', () => {
    expect(pagerDutyEvent(resolved)).toEqual({ event_action: 'resolve', dedup_key: fired.incidentId });
  });

  it('maps severities PagerDuty does not know to warning', () => {
    expect(pagerDutyEvent({ ...fired, severity: 'info' })).toMatchObject({ payload: { severity: 'info' } });
    expect(pagerDutyEvent({ ...fired, severity: 'odd' })).toMatchObject({ payload: { severity: 'warning' } });
  });
});

describe('alertEmail', () => {
  it('has a subject, a text body and an HTML body with the chart link, the HTML escaped', () => {
    const m = alertEmail(fired);
    expect(m.subject).toBe('[Pulseboard] Critical: login_spike — Failed logins from 203.0.113.7 <script>');
    expect(m.text).toContain('Value vs threshold: 42 failed logins per window ≥ 20');
    expect(m.text).toContain(`Open the chart: ${fired.href}`);
    expect(m.html).toContain('<a href="https://pulse.example.com/d/security-logins?v=1&amp;x=1">Open the chart</a>');
    expect(m.html).toContain('&lt;script&gt;');
    expect(m.html).not.toContain('<script>');
  });

  it('says a resolution in both bodies', () => {
    const m = alertEmail({ ...resolved, resolvedBy: 'ada@acme.test' });
    expect(m.subject).toMatch(/^\[Pulseboard\] Resolved: login_spike/);
    expect(m.text).toMatch(/Resolved by ada@acme.test at /);
    expect(m.html).toMatch(/Resolved by ada@acme.test at /);
  });
});
