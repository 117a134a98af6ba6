/** The alert e-mail: subject, plain text and HTML with the chart link. Recipients are added when sending (senders.ts). */
import { headline, localWindow, resolutionText, valueVsThreshold, type AlertNotice } from './notice';

export type EmailContent = { subject: string; text: string; html: string };

function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

export function alertEmail(n: AlertNotice): EmailContent {
  const title = headline(n);
  const lines: [string, string][] =
    n.event === 'test'
      ? [['Tenant', n.tenant]]
      : [
          ['Rule', n.rule],
          ['Severity', n.severity],
          ['Value vs threshold', valueVsThreshold(n)],
          ['Window', localWindow(n.windowStart, n.windowEnd, n.tz)],
        ];
  const note = n.event === 'resolve' ? resolutionText(n) : null;
  const text = [title, '', ...(note ? [note, ''] : []), ...lines.map(([k, v]) => `${k}: ${v}`), '', `Open the chart: ${n.href}`, ''].join('\n');
  const html = [
    `<h1 style="font-size:18px">${escapeHtml(title)}</h1>`,
    note ? `<p>${escapeHtml(note)}</p>` : '',
    `<table>${lines.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`,
    `<p><a href="${escapeHtml(n.href)}">Open the chart</a></p>`,
  ].join('\n');
  return { subject: `[Pulseboard] ${title}`.slice(0, 250), text, html };
}
