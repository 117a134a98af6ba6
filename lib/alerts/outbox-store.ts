/**
 * The ports of alert delivery: where tenants' webhooks and the outbox of deliveries are kept
 * (the app-state database, db-alert-store.ts). Every write resolves only once it would survive
 * a crash.
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
export type DeliveryReason = OutboundFailure | 'no_webhook' | 'no_destination' | 'smtp_rejected' | 'not_configured' | 'queue_full';

export type Delivery = {
  /** Stable across attempts and restarts: the receiver deduplicates by it (x-pulse-delivery). */
  id: string;
  tenant: string;
  /** The alert destination it goes to (destinations/); none: the tenant's signed webhook. */
  destination?: string;
  /**
   * The incident it announces (destinations only): a destination's deliveries about one incident
   * go out in order, so a resolve never overtakes its trigger that is still being retried.
   */
  incident?: string;
  /** The exact JSON sent on every attempt (a destination's sender adds its secret: routing key, URL, recipients). */
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
  /**
   * Claims for `owner`, until `now + leaseMs`, up to `limit` pending deliveries due at `now`
   * (oldest first, none of the `busy` tenants', none another owner holds a live claim on, none with
   * an older pending delivery to the same destination about the same incident): owners
   * sharing the store never claim the same delivery at once, and a crashed owner's claims come
   * back when they expire.
   */
  claimDue(owner: string, now: number, leaseMs: number, limit: number, busy?: ReadonlySet<string>): Promise<Delivery[]>;
  /** Gives back claims the owner is not going to attempt now. */
  release(owner: string, ids: string[]): Promise<void>;
  /** Records the owner's attempt and ends its claim; nothing is recorded if another owner has claimed the delivery since (after the lease ran out). */
  recordAttempt(id: string, owner: string, outcome: AttemptOutcome): Promise<void>;
  /** The tenant's deliveries, newest first; with `destination`, only that destination's ('webhook': the webhook's). */
  listDeliveries(tenant: string, limit: number, destination?: string): Promise<Delivery[]>;
  /** The newest delivery of each of the tenant's destinations (by destination id). */
  latestPerDestination(tenant: string): Promise<Map<string, Delivery>>;
  pendingCount(tenant: string): Promise<number>;
}
