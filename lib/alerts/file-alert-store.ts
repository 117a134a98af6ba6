import 'server-only';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { OUTBOUND_FAILURES } from '@/lib/outbound/client';
import { readFileIfExists, writeFileAtomic } from '@/lib/store/atomic-file';
import type { AttemptOutcome, Delivery, OutboxStore, StoredWebhook, WebhookStore } from './outbox-store';

const WebhookSchema = z.object({ url: z.string(), secret: z.string(), createdAt: z.string() });
const DeliverySchema = z.object({
  id: z.string(),
  tenant: z.string(),
  body: z.string(),
  createdAt: z.number(),
  state: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.int().min(0),
  nextAttemptAt: z.number(),
  lastAttemptAt: z.number().optional(),
  lastStatus: z.int().optional(),
  lastReason: z.enum([...OUTBOUND_FAILURES, 'no_webhook', 'queue_full']).optional(),
});
const FileSchema = z.object({ version: z.literal(1), webhooks: z.record(z.string(), WebhookSchema), deliveries: z.array(DeliverySchema) });
/** The file PULSE_WEBHOOKS_FILE held before the outbox: the registry alone. */
const LegacySchema = z.record(z.string(), WebhookSchema);

/** Finished deliveries kept per tenant for its delivery log; pending ones are never dropped. */
const KEEP_FINISHED_PER_TENANT = 200;

/**
 * Webhooks and the outbox in one JSON file, replaced atomically on every change (without a
 * path: in memory only, for the demo and tests). Writes are group-committed: changes made
 * while a write is under way go out together in the next one, and each caller's promise
 * resolves once a write that includes its change is on disk.
 */
export class FileAlertStore implements WebhookStore, OutboxStore {
  private readonly webhooks = new Map<string, StoredWebhook>();
  /** In creation order. */
  private readonly deliveries = new Map<string, Delivery>();
  private queued: Promise<void> | null = null;
  private chain: Promise<void> = Promise.resolve();

  private constructor(private readonly path?: string) {}

  static async open(path?: string): Promise<FileAlertStore> {
    const store = new FileAlertStore(path);
    if (path) await mkdir(dirname(path), { recursive: true });
    const text = path ? await readFileIfExists(path) : undefined;
    if (text !== undefined) {
      const json: unknown = JSON.parse(text);
      const current = FileSchema.safeParse(json);
      const state = current.success ? current.data : { webhooks: LegacySchema.parse(json), deliveries: [] };
      for (const [tenant, hook] of Object.entries(state.webhooks)) store.webhooks.set(tenant, hook);
      for (const d of state.deliveries) store.deliveries.set(d.id, d);
    }
    return store;
  }

  async getWebhook(tenant: string) {
    return this.webhooks.get(tenant);
  }

  putWebhook(tenant: string, hook: StoredWebhook) {
    this.webhooks.set(tenant, hook);
    return this.persist();
  }

  async removeWebhook(tenant: string) {
    const had = this.webhooks.delete(tenant);
    await this.persist();
    return had;
  }

  addDeliveries(deliveries: Delivery[]) {
    for (const d of deliveries) if (!this.deliveries.has(d.id)) this.deliveries.set(d.id, { ...d });
    return this.persist();
  }

  async dueDeliveries(now: number, limit: number, busy: ReadonlySet<string> = new Set()) {
    const due: Delivery[] = [];
    for (const d of this.deliveries.values()) {
      if (due.length >= limit) break;
      if (d.state === 'pending' && d.nextAttemptAt <= now && !busy.has(d.tenant)) due.push({ ...d });
    }
    return due;
  }

  recordAttempt(id: string, outcome: AttemptOutcome) {
    const d = this.deliveries.get(id);
    if (d) {
      Object.assign(d, outcome);
      if (d.state !== 'pending') this.prune(d.tenant);
    }
    return this.persist();
  }

  async listDeliveries(tenant: string, limit: number) {
    return [...this.deliveries.values()].filter((d) => d.tenant === tenant).slice(-limit).reverse().map((d) => ({ ...d }));
  }

  async pendingCount(tenant: string) {
    let n = 0;
    for (const d of this.deliveries.values()) if (d.tenant === tenant && d.state === 'pending') n++;
    return n;
  }

  private prune(tenant: string): void {
    const finished = [...this.deliveries.values()].filter((d) => d.tenant === tenant && d.state !== 'pending');
    for (const d of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED_PER_TENANT))) this.deliveries.delete(d.id);
  }

  private persist(): Promise<void> {
    if (!this.path) return Promise.resolve();
    const path = this.path;
    // The snapshot is taken when the write starts, so every change made until then is in it.
    this.queued ??= this.chain.then(() => {
      this.queued = null;
      const snapshot = { version: 1 as const, webhooks: Object.fromEntries(this.webhooks), deliveries: [...this.deliveries.values()] };
      return writeFileAtomic(path, JSON.stringify(snapshot));
    });
    const write = this.queued;
    this.chain = write.catch(() => {});
    return write;
  }
}
