/** How scheduled reports are told in the UI: when they go, where, and how their last run went. */
import { WEEKDAYS, type Report, type ReportRun } from '@/lib/contract/reports';

/** "Daily at 08:00" / "Mondays at 09:00", with the zone: "(Europe/Berlin)". */
export function cadenceText(r: Pick<Report, 'every' | 'weekday' | 'at' | 'tz'>): string {
  const when = r.every === 'day' ? 'Daily' : `${WEEKDAYS[(r.weekday ?? 1) - 1]}s`;
  return `${when} at ${r.at} (${r.tz})`;
}

/** "E-mail to a@x, b@x" / "Your organisation's webhook". */
export function channelText(r: Pick<Report, 'channel'>): string {
  return r.channel.kind === 'email' ? `E-mail to ${r.channel.recipients.join(', ')}` : 'Your organisation’s webhook';
}

/** An instant in the report's zone, short: "Fri 5 Dec, 08:00". */
export function whenText(iso: string, tz: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.parse(iso));
}

export type RunTone = 'good' | 'bad' | 'pending' | 'none';

/** The last run in words and its tone: sent, being sent, failed and retried, or failed for good. */
export function runText(run: ReportRun | null, tz: string): { text: string; tone: RunTone } {
  if (!run) return { text: 'Not sent yet', tone: 'none' };
  if (run.state === 'delivered') return { text: `Sent ${whenText(run.lastAttemptAt ?? run.dueAt, tz)}`, tone: 'good' };
  if (run.state === 'failed') return { text: `Failed: ${run.lastReason ?? 'it could not be sent.'}`, tone: 'bad' };
  if (run.attempts === 0) return { text: 'Sending…', tone: 'pending' };
  const retry = run.nextAttemptAt ? ` Retrying ${whenText(run.nextAttemptAt, tz)}.` : '';
  return { text: `Failed: ${run.lastReason ?? 'it could not be sent.'}${retry}`, tone: 'bad' };
}
