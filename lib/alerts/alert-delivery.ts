import 'server-only';
import { createOutboundClient, type OutboundOptions } from '@/lib/outbound/client';
import { createMailer, type SmtpSettings } from '@/lib/outbound/mailer';
import { DestinationAnnouncer } from './destinations/announcer';
import type { DestinationStore } from './destinations/destination-store';
import { DestinationRegistry } from './destinations/registry';
import { destinationSender } from './destinations/senders';
import { Outbox, type OutboxOptions } from './outbox';
import type { OutboxStore, WebhookStore } from './outbox-store';
import { WebhookRegistry } from './webhooks';

/**
 * The webhook registry, the destinations and the one outbox over one store (the app-state
 * database's DbAlertStore and DbDestinationStore) and one guarded client; e-mail through `smtp` when configured.
 * The client and the mailer are returned for scheduled reports, which go the same ways.
 */
export function openAlertDelivery(opts: {
  store: WebhookStore & OutboxStore;
  destinations?: DestinationStore;
  outbound?: OutboundOptions;
  outbox?: Omit<OutboxOptions, 'store' | 'webhooks' | 'client' | 'send'>;
  smtp?: SmtpSettings;
  pagerDutyUrl?: string;
  publicUrl?: string;
}) {
  const client = createOutboundClient(opts.outbound);
  const mailer = opts.smtp && createMailer(opts.smtp, opts.outbound);
  const send = opts.destinations && destinationSender({ store: opts.destinations, client, mailer, pagerDutyUrl: opts.pagerDutyUrl });
  const outbox = new Outbox({ ...opts.outbox, store: opts.store, webhooks: opts.store, client, send });
  const destinations = opts.destinations && {
    registry: new DestinationRegistry(opts.destinations, client, { emailConfigured: mailer !== undefined, allowPrivate: opts.outbound?.allowPrivate ?? false }),
    announcer: new DestinationAnnouncer({ store: opts.destinations, outbox, publicUrl: opts.publicUrl ?? 'http://localhost:3000' }),
  };
  return { webhooks: new WebhookRegistry(opts.store, client), outbox, destinations, client, mailer };
}
