/** Slack incoming-webhook messages (https://api.slack.com/messaging/webhooks): `text` for notifications, blocks for the message. */
import { headline, localWindow, resolutionText, valueVsThreshold, type AlertNotice } from './notice';

/** Slack's mrkdwn gives &, < and > meaning: escaped so a message cannot inject a link or a mention. */
export function escapeMrkdwn(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const field = (label: string, value: string) => ({ type: 'mrkdwn', text: `*${label}*\n${escapeMrkdwn(value)}` });

export function slackMessage(n: AlertNotice) {
  const text = headline(n);
  const details =
    n.event === 'test'
      ? [field('Tenant', n.tenant), field('Example window', localWindow(n.windowStart, n.windowEnd, n.tz))]
      : [field('Rule', n.rule), field('Severity', n.severity), field('Value vs threshold', valueVsThreshold(n)), field('Window', localWindow(n.windowStart, n.windowEnd, n.tz))];
  return {
    text: `${text} <${n.href}|Open the chart>`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(text)}*${n.event === 'resolve' ? `\n${escapeMrkdwn(resolutionText(n))}` : ''}` } },
      { type: 'section', fields: details },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the chart' }, url: n.href }] },
    ],
  };
}
