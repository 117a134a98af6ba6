import 'server-only';
import { createOutboundClient, type OutboundOptions } from '@/lib/outbound/client';
import { Outbox, type OutboxOptions } from './outbox';
import type { OutboxStore, WebhookStore } from './outbox-store';
import { WebhookRegistry } from './webhooks';

/** The webhook registry and the outbox over one store (the app-state database's DbAlertStore) and one guarded client. */
export function openAlertDelivery(opts: {
  store: WebhookStore & OutboxStore;
  outbound?: OutboundOptions;
  outbox?: Omit<OutboxOptions, 'store' | 'webhooks' | 'client'>;
}) {
  const client = createOutboundClient(opts.outbound);
  return { webhooks: new WebhookRegistry(opts.store, client), outbox: new Outbox({ ...opts.outbox, store: opts.store, webhooks: opts.store, client }) };
}
