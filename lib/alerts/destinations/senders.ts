import 'server-only';
import type { OutboundClient } from '@/lib/outbound/client';
import type { Mailer } from '@/lib/outbound/mailer';
import type { DestinationSend, SendResult } from '../outbox';
import type { DestinationStore } from './destination-store';
import type { EmailContent } from './email';

export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

export type SenderDeps = {
  store: Pick<DestinationStore, 'getDestination'>;
  /** The guarded HTTP client: Slack and PagerDuty requests are checked like webhooks. */
  client: OutboundClient;
  /** Undefined when the operator has configured no SMTP server. */
  mailer?: Mailer;
  /** PagerDuty's Events API v2 endpoint (PULSE_PAGERDUTY_EVENTS_URL; tests point it at a local receiver). */
  pagerDutyUrl?: string;
};

async function postJson(client: OutboundClient, url: string, body: string): Promise<SendResult> {
  const res = await client.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'Pulseboard-Alerts/1' }, body });
  return res.ok ? { ok: true, status: res.status } : res;
}

/**
 * The outbox's sender for destinations: reads the destination at send time (a removed one is
 * dead-lettered, a changed secret applies to what is still pending) and adds its secret to the
 * stored body: the Slack URL, the PagerDuty routing key, the recipients.
 */
export function destinationSender(deps: SenderDeps): DestinationSend {
  return async (d) => {
    const dest = await deps.store.getDestination(d.tenant, d.destination);
    if (!dest) return { ok: false, reason: 'no_destination' };
    const t = dest.target;
    if (t.kind === 'slack') return postJson(deps.client, t.url, d.body);
    if (t.kind === 'pagerduty') return postJson(deps.client, deps.pagerDutyUrl ?? PAGERDUTY_EVENTS_URL, JSON.stringify({ routing_key: t.routingKey, ...JSON.parse(d.body) }));
    if (!deps.mailer) return { ok: false, reason: 'not_configured' };
    const mail = JSON.parse(d.body) as EmailContent;
    const res = await deps.mailer.send({ to: t.recipients, ...mail });
    return res.ok ? { ok: true } : res;
  };
}
