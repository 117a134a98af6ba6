import { describe, expect, it } from 'vitest';
import type { ReportRun } from '@/lib/contract/reports';
import { cadenceText, channelText, runText } from './report-text';

const run = (over: Partial<ReportRun>): ReportRun => ({ id: 'r', dueAt: '2026-12-04T07:00:00.000Z', manual: false, state: 'pending', attempts: 0, lastAttemptAt: null, nextAttemptAt: null, lastReason: null, ...over });

describe('report text', () => {
  it('tells when and where a report goes', () => {
    expect(cadenceText({ every: 'day', weekday: null, at: '08:00', tz: 'Europe/Berlin' })).toBe('Daily at 08:00 (Europe/Berlin)');
    expect(cadenceText({ every: 'week', weekday: 7, at: '18:30', tz: 'UTC' })).toBe('Sundays at 18:30 (UTC)');
    expect(channelText({ channel: { kind: 'email', recipients: ['a@x.test', 'b@x.test'] } })).toBe('E-mail to a@x.test, b@x.test');
    expect(channelText({ channel: { kind: 'webhook' } })).toBe('Your organisation’s webhook');
  });

  it('tells a run as sent, sending, failed and retried, or failed for good, in the report’s zone', () => {
    expect(runText(null, 'UTC')).toEqual({ text: 'Not sent yet', tone: 'none' });
    expect(runText(run({ state: 'delivered', attempts: 1, lastAttemptAt: '2026-12-04T07:00:05.000Z' }), 'Europe/Berlin')).toEqual({ text: 'Sent Fri 4 Dec, 08:00', tone: 'good' });
    expect(runText(run({}), 'UTC')).toEqual({ text: 'Sending…', tone: 'pending' });
    expect(runText(run({ attempts: 1, lastReason: 'The mail server refused the message.', nextAttemptAt: '2026-12-04T07:02:00.000Z' }), 'UTC')).toEqual({
      text: 'Failed: The mail server refused the message. Retrying Fri 4 Dec, 07:02.',
      tone: 'bad',
    });
    expect(runText(run({ state: 'failed', attempts: 4, lastReason: 'The destination could not be reached.' }), 'UTC')).toEqual({ text: 'Failed: The destination could not be reached.', tone: 'bad' });
  });
});
