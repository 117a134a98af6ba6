import { EXPORT_CONTENT_TYPES, exportFileName } from '@/lib/contract/export';
import type { Mail } from '@/lib/outbound/mailer';
import type { ScheduleRow } from '@/lib/store/report-schedules';
import { encodeView } from '@/lib/view/codec';
import type { View } from '@/lib/view/schema';

/** What one run sends, whichever way it goes. */
export type ReportFile = { runId: string; schedule: ScheduleRow; view: View & { range: { start: string; end: string } }; bytes: Buffer; dueAt: number; publicUrl: string };

/** Named as an export of the same view is (api-traffic-2026-12-04T0800.pdf), at the due time. */
export function reportFileName(f: Pick<ReportFile, 'schedule' | 'dueAt'>): string {
  return exportFileName(f.schedule.dashboard, f.schedule.panel ?? undefined, f.dueAt, f.schedule.format);
}

/** The live dashboard in the report's view (its range as sent, so the link shows the same numbers). */
function link(f: ReportFile): string {
  return new URL(`/d/${encodeURIComponent(f.schedule.dashboard)}?${encodeView(f.view)}`, f.publicUrl).toString();
}

function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** The interval in the report's zone, e.g. "3 Dec 2026, 08:00 – 4 Dec 2026, 08:00 (Europe/Berlin)". */
export function intervalText(view: ReportFile['view']): string {
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: view.tz, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${fmt.format(Date.parse(view.range.start))} – ${fmt.format(Date.parse(view.range.end))} (${view.tz})`;
}

/** The e-mail: the file attached, what it covers, and the live dashboard's link. Recipients are added by the sender. */
export function reportMail(f: ReportFile): Omit<Mail, 'to'> {
  const { name } = f.schedule;
  const covers = intervalText(f.view);
  const href = link(f);
  return {
    subject: `[Pulseboard] ${name}`.slice(0, 250),
    text: [`Your scheduled report “${name}” is attached.`, '', `Covers: ${covers}`, `Open it live: ${href}`, '', 'You receive it because a member of your organisation scheduled it in Pulseboard.', ''].join('\n'),
    html: [
      `<p>Your scheduled report <strong>${escapeHtml(name)}</strong> is attached.</p>`,
      `<p>Covers: ${escapeHtml(covers)}</p>`,
      `<p><a href="${escapeHtml(href)}">Open it live</a></p>`,
      '<p style="color:#666">You receive it because a member of your organisation scheduled it in Pulseboard.</p>',
    ].join('\n'),
    attachments: [{ filename: reportFileName(f), content: f.bytes, contentType: EXPORT_CONTENT_TYPES[f.schedule.format] }],
  };
}

/** The webhook's JSON body: the run id (also the delivery header), what it covers, and the file base64-encoded. */
export function reportWebhookBody(f: ReportFile): string {
  return JSON.stringify({
    id: f.runId,
    type: 'report',
    report: { id: f.schedule.id, name: f.schedule.name },
    dashboard: f.schedule.dashboard,
    panel: f.schedule.panel,
    format: f.schedule.format,
    interval: f.view.range,
    tz: f.view.tz,
    dueAt: new Date(f.dueAt).toISOString(),
    link: link(f),
    file: { name: reportFileName(f), contentType: EXPORT_CONTENT_TYPES[f.schedule.format], bytes: f.bytes.length, base64: f.bytes.toString('base64') },
  });
}
