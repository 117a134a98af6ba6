import 'server-only';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { invalid } from '@/lib/errors/app-error';
import type { Webhook } from './dispatcher';

export type StoredWebhook = Webhook & { createdAt: string };

const StoreSchema = z.record(z.string(), z.object({ url: z.string(), secret: z.string(), createdAt: z.string() }));

/** Loopback, private, link-local and unspecified addresses: no tenant may point us at our own network. */
function isPrivateHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.internal')) return true;
  if (isIP(h) === 4) return /^(127\.|10\.|192\.168\.|169\.254\.|0\.|172\.(1[6-9]|2\d|3[01])\.)/.test(h);
  if (isIP(h) === 6) return h === '::1' || h === '::' || /^(fc|fd|fe80)/.test(h);
  return false;
}

/**
 * One webhook per tenant. The secret is generated here and shown once, at registration.
 * PULSE_WEBHOOKS_FILE keeps registrations across restarts; PULSE_WEBHOOKS_ALLOW_PRIVATE=on
 * allows loopback receivers (development and tests only).
 */
export class WebhookRegistry {
  private readonly hooks = new Map<string, StoredWebhook>();

  constructor(
    private readonly file?: string,
    private readonly allowPrivate = false,
  ) {
    if (file && existsSync(file)) for (const [t, h] of Object.entries(StoreSchema.parse(JSON.parse(readFileSync(file, 'utf8'))))) this.hooks.set(t, h);
  }

  get(tenant: string): StoredWebhook | undefined {
    return this.hooks.get(tenant);
  }

  register(tenant: string, rawUrl: string): StoredWebhook {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw invalid('not a valid URL', 'url');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('the webhook must be an http(s) URL', 'url');
    if (url.username || url.password) throw invalid('put credentials in the signature secret, not the URL', 'url');
    if (!this.allowPrivate && isPrivateHost(url.hostname)) throw invalid('the webhook must be a public address', 'url');
    const hook = { url: url.toString(), secret: randomBytes(24).toString('base64url'), createdAt: new Date().toISOString() };
    this.hooks.set(tenant, hook);
    this.save();
    return hook;
  }

  remove(tenant: string): boolean {
    const had = this.hooks.delete(tenant);
    this.save();
    return had;
  }

  private save(): void {
    if (this.file) writeFileSync(this.file, JSON.stringify(Object.fromEntries(this.hooks), null, 2));
  }
}
