/**
 * The ports of alert delivery: where tenants' webhooks and the outbox of deliveries are kept.
 * Today a crash-safe file (file-alert-store.ts); the app-state database implements the same
 * two interfaces when it exists. Every write resolves only once it would survive a crash.
 */
import type { OutboundFailure } from '@/lib/outbound/client';

export type StoredWebhook = { url: string; secret: string; createdAt: string };

export interface WebhookStore {
  getWebhook(tenant: string): Promise<StoredWebhook | undefined>;
  putWebhook(tenant: string, hook: StoredWebhook): Promise<void>;
  removeWebhook(tenant: string): Promise<boolean>;
}

export type DeliveryState = 'pending' | 'delivered' | 'dead';
/** What the tenant is told about a failed attempt: the outbound client's generic reasons and ours. */
export type DeliveryReason = OutboundFailure | 'no_webhook' | 'queue_full';

export type Delivery = {
  /** Stable across attempts and restarts: the receiver deduplicates by it (x-pulse-delivery). */
  id: string;
  tenant: string;
  /** The exact JSON sent on every attempt. */
  body: string;
  createdAt: number;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: number;
  lastAttemptAt?: number;
  lastStatus?: number;
  lastReason?: DeliveryReason;
};

export type AttemptOutcome = Pick<Delivery, 'state' | 'attempts' | 'nextAttemptAt' | 'lastAttemptAt' | 'lastStatus' | 'lastReason'>;

export interface OutboxStore {
  /** Stores new deliveries; an id already present is left as it is (an alert read twice is one delivery). */
  addDeliveries(deliveries: Delivery[]): Promise<void>;
  /** Pending deliveries whose next attempt is due at `now`, oldest first, none of the `busy` tenants'. */
  dueDeliveries(now: number, limit: number, busy?: ReadonlySet<string>): Promise<Delivery[]>;
  recordAttempt(id: string, outcome: AttemptOutcome): Promise<void>;
  /** The tenant's deliveries, newest first. */
  listDeliveries(tenant: string, limit: number): Promise<Delivery[]>;
  pendingCount(tenant: string): Promise<number>;
}
