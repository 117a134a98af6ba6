/**
 * Alerts end to end: a tenant webhook receiver on loopback (lib/testing/webhook-receiver, which
 * accepts each x-pulse-delivery id once and records every request), registered through the app
 * by each tenant's admin (PUT /api/webhook through HAProxy; the apps run with
 * PULSE_WEBHOOKS_ALLOW_PRIVATE=on), and the delivery id the app's outbox gives an alert read from
 * pulse.alerts: the oracle for "each alert Flink emitted arrives exactly once".
 */
import { AlertEventSchema } from '@/lib/alerts/alert-event';
import { deliveryId } from '@/lib/alerts/outbox';

/** Registers `url` as the tenant's webhook; resolves with its signing secret (shown only here). */
export async function registerWebhook(app: string, adminCookie: string, url: string): Promise<string> {
  const res = await fetch(`${app}/api/webhook`, { method: 'PUT', headers: { 'content-type': 'application/json', origin: app, cookie: adminCookie }, body: JSON.stringify({ url }) });
  if (res.status !== 200) throw new Error(`webhook registration through HAProxy: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { secret: string }).secret;
}

/** The delivery id of an alert record as the notifier stores it (lib/alerts/notifier: the parsed alert is the identity). */
export function alertDeliveryId(value: string): { id: string; tenant: string } {
  const alert = AlertEventSchema.parse(JSON.parse(value));
  return { id: deliveryId(alert.tenant, alert), tenant: alert.tenant };
}
