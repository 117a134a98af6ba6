import 'server-only';
import { randomBytes } from 'node:crypto';
import { invalid } from '@/lib/errors/app-error';
import type { OutboundClient, OutboundFailure } from '@/lib/outbound/client';
import type { StoredWebhook, WebhookStore } from './outbox-store';

const REFUSALS = {
  invalid_url: 'the webhook must be an http(s) URL without credentials',
  blocked_address: 'the webhook must be a public address',
} satisfies Partial<Record<OutboundFailure, string>>;

/**
 * One webhook per tenant. The secret is generated here and shown once, at registration.
 * The URL is checked by the guarded outbound client (the same check every delivery repeats);
 * a name that does not resolve yet is accepted, since DNS may follow: its deliveries say so.
 */
export class WebhookRegistry {
  constructor(
    private readonly store: WebhookStore,
    private readonly outbound: OutboundClient,
  ) {}

  get(tenant: string): Promise<StoredWebhook | undefined> {
    return this.store.getWebhook(tenant);
  }

  async register(tenant: string, rawUrl: string): Promise<StoredWebhook> {
    const failure = await this.outbound.check(rawUrl);
    if (failure === 'invalid_url' || failure === 'blocked_address') throw invalid(REFUSALS[failure], 'url');
    const hook = { url: new URL(rawUrl).toString(), secret: randomBytes(24).toString('base64url'), createdAt: new Date().toISOString() };
    await this.store.putWebhook(tenant, hook);
    return hook;
  }

  remove(tenant: string): Promise<boolean> {
    return this.store.removeWebhook(tenant);
  }
}
