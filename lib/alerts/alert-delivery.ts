import 'server-only';
import { createOutboundClient, type OutboundOptions } from '@/lib/outbound/client';
import { FileAlertStore } from './file-alert-store';
import { Outbox, type OutboxOptions } from './outbox';
import type { OutboxStore, WebhookStore } from './outbox-store';
import { WebhookRegistry } from './webhooks';

/**
 * The webhook registry and the outbox over one store and one guarded client: the app-state
 * database's (DbAlertStore) in the app, a file or memory (FileAlertStore) in the pipeline's crash
 * test harness and unit tests.
 */
export async function openAlertDelivery(opts: {
  store?: WebhookStore & OutboxStore;
  file?: string;
  outbound?: OutboundOptions;
  outbox?: Omit<OutboxOptions, 'store' | 'webhooks' | 'client'>;
}) {
  const store = opts.store ?? (await FileAlertStore.open(opts.file));
  const client = createOutboundClient(opts.outbound);
  return { webhooks: new WebhookRegistry(store, client), outbox: new Outbox({ ...opts.outbox, store, webhooks: store, client }) };
}
