import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import type { OutboundClient } from '@/lib/outbound/client';
import type { Delivery, DeliveryReason, OutboxStore, WebhookStore } from './outbox-store';
import { DELIVERY_HEADER, SIGNATURE_HEADER, sign } from './signature';

export type OutboxOptions = {
  store: OutboxStore;
  webhooks: WebhookStore;
  client: OutboundClient;
  /** Sends a delivery to its destination (e-mail, Slack, PagerDuty: destinations/senders.ts); none: such deliveries are dead-lettered. */
  send?: DestinationSend;
  /** Attempts before a delivery is dead-lettered. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Deliveries in flight at once, over all tenants… */
  concurrency?: number;
  /** …and per tenant, so one tenant's slow receiver cannot hold up the others'. */
  tenantConcurrency?: number;
  /** How often due retries are looked for. */
  pollMs?: number;
  /**
   * How long a claim on a delivery keeps other instances sharing the store away from it; longer
   * than an attempt can take (the outbound timeout, 10 s by default), since an attempt outliving
   * its lease may be repeated by another instance. A crashed instance's deliveries wait this long.
   */
  leaseMs?: number;
  /** Per tenant: a flood of alerts to a dead endpoint cannot grow the outbox without bound. */
  maxPendingPerTenant?: number;
  now?: () => number;
  random?: () => number;
  onAttempt?: (delivery: Delivery) => void;
};

/** One attempt at a destination: its outcome in the outbox's terms. */
export type SendResult = { ok: true; status?: number } | { ok: false; reason: DeliveryReason; status?: number };
export type DestinationSend = (delivery: Delivery & { destination: string }) => Promise<SendResult>;

/**
 * One alert to deliver: `identity` is what makes it this alert (the same alert read twice is one
 * delivery). For the webhook the body is the payload with the delivery id; for a destination it
 * is the payload exactly as its format builder made it.
 */
export type Accepted = { tenant: string; identity: unknown; payload: Record<string, unknown>; destination?: string; incident?: string };

/**
 * Delay before the next attempt after `failed` failed ones: exponential, capped, with "equal
 * jitter" (half fixed, half random) so receivers that failed together do not retry in lockstep.
 */
export function backoffDelay(failed: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (failed - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** A delivery id from the tenant and the alert's identity: stable across redelivery and restarts. */
export function deliveryId(tenant: string, identity: unknown): string {
  return createHash('sha256').update(JSON.stringify([tenant, identity])).digest('hex').slice(0, 32);
}

/** A delivery as the tenant sees it in its log (no body, no secret, no error text). */
export function deliveryView(d: Delivery) {
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  return {
    id: d.id,
    destination: d.destination ?? null,
    state: d.state,
    attempts: d.attempts,
    createdAt: iso(d.createdAt),
    lastAttemptAt: iso(d.lastAttemptAt),
    nextAttemptAt: d.state === 'pending' ? iso(d.nextAttemptAt) : undefined,
    lastStatus: d.lastStatus,
    lastReason: d.lastReason,
  };
}

/**
 * Webhook delivery through a durable outbox: `accept` resolves once the alerts are stored
 * (the caller commits its Kafka offset only then); the worker claims due deliveries (so that
 * instances sharing the store do not send the same one), sends each signed, retries with backoff,
 * and marks it delivered or dead. A delivery may be sent more than once (a crash after sending,
 * before recording), always with the same id, so receivers deduplicate.
 */
export class Outbox {
  private readonly o: Required<Omit<OutboxOptions, 'onAttempt' | 'send'>> & Pick<OutboxOptions, 'onAttempt' | 'send'>;
  /** This outbox's name on its claims. */
  private readonly owner = randomUUID();
  /** Attempts under way: delivery id → tenant and the attempt. */
  private readonly inflight = new Map<string, { tenant: string; run: Promise<void> }>();
  private filling = false;
  private refill = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(opts: OutboxOptions) {
    this.o = { maxAttempts: 8, baseDelayMs: 2_000, maxDelayMs: 10 * 60_000, concurrency: 4, tenantConcurrency: 2, pollMs: 1_000, leaseMs: 60_000, maxPendingPerTenant: 1_000, now: Date.now, random: Math.random, ...opts };
  }

  async accept(alerts: Accepted[]): Promise<void> {
    const at = this.o.now();
    const pending = new Map<string, number>();
    const deliveries: Delivery[] = [];
    for (const a of alerts) {
      const id = deliveryId(a.tenant, a.identity);
      const count = pending.get(a.tenant) ?? (await this.o.store.pendingCount(a.tenant));
      const full = count >= this.o.maxPendingPerTenant;
      pending.set(a.tenant, count + (full ? 0 : 1));
      deliveries.push({
        id, tenant: a.tenant, createdAt: at, attempts: 0, nextAttemptAt: at,
        ...(a.destination === undefined ? { body: JSON.stringify({ id, ...a.payload }) } : { body: JSON.stringify(a.payload), destination: a.destination, ...(a.incident === undefined ? {} : { incident: a.incident }) }),
        // Refused for space, yet recorded: the tenant's log shows it was never sent.
        ...(full ? { state: 'dead' as const, lastReason: 'queue_full' as const } : { state: 'pending' as const }),
      });
    }
    await this.o.store.addDeliveries(deliveries);
    this.kick();
  }

  list(tenant: string, limit = 50, destination?: string) {
    return this.o.store.listDeliveries(tenant, limit, destination);
  }

  latestPerDestination(tenant: string) {
    return this.o.store.latestPerDestination(tenant);
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.o.pollMs);
    this.timer.unref?.();
    this.kick();
  }

  /** Stops starting attempts and waits for those under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.all([...this.inflight.values()].map((f) => f.run));
  }

  /** Looks for due deliveries now (after an accept, or when an attempt ends). */
  kick(): void {
    void this.fill().catch((err) => console.error('[outbox] reading due deliveries failed', err));
  }

  private async fill(): Promise<void> {
    if (this.filling) {
      this.refill = true;
      return;
    }
    this.filling = true;
    try {
      do {
        this.refill = false;
        if (this.stopped || this.inflight.size >= this.o.concurrency) return;
        const perTenant = new Map<string, number>();
        for (const f of this.inflight.values()) perTenant.set(f.tenant, (perTenant.get(f.tenant) ?? 0) + 1);
        const busy = new Set([...perTenant].filter(([, n]) => n >= this.o.tenantConcurrency).map(([t]) => t));
        const due = await this.o.store.claimDue(this.owner, this.o.now(), this.o.leaseMs, this.o.concurrency * this.o.tenantConcurrency, busy);
        const unused: string[] = [];
        for (const d of due) {
          const mine = perTenant.get(d.tenant) ?? 0;
          if (this.inflight.size >= this.o.concurrency || this.inflight.has(d.id) || mine >= this.o.tenantConcurrency) {
            if (!this.inflight.has(d.id)) unused.push(d.id);
            continue;
          }
          perTenant.set(d.tenant, mine + 1);
          const run = this.attempt(d)
            .catch((err) => console.error('[outbox] recording an attempt failed', err))
            .finally(() => {
              this.inflight.delete(d.id);
              this.kick();
            });
          this.inflight.set(d.id, { tenant: d.tenant, run });
        }
        // Claimed beyond this round's limits: free for the next round, here or elsewhere.
        await this.o.store.release(this.owner, unused);
      } while (this.refill);
    } finally {
      this.filling = false;
    }
  }

  private async attempt(d: Delivery): Promise<void> {
    const res = d.destination === undefined ? await this.toWebhook(d) : this.o.send ? await this.o.send({ ...d, destination: d.destination }) : ({ ok: false, reason: 'no_destination' } as const);
    const done = this.o.now();
    // Nowhere to send it (the webhook or destination was removed, e-mail is not configured): dead now, not retried.
    if (!res.ok && (res.reason === 'no_webhook' || res.reason === 'no_destination' || res.reason === 'not_configured')) {
      return this.record(d, { state: 'dead', attempts: d.attempts, nextAttemptAt: done, lastAttemptAt: done, lastReason: res.reason });
    }
    const attempts = d.attempts + 1;
    if (res.ok) return this.record(d, { state: 'delivered', attempts, nextAttemptAt: done, lastAttemptAt: done, lastStatus: res.status, lastReason: undefined });
    const last = { attempts, lastAttemptAt: done, lastStatus: res.status, lastReason: res.reason };
    if (attempts >= this.o.maxAttempts) return this.record(d, { state: 'dead', nextAttemptAt: done, ...last });
    return this.record(d, { state: 'pending', nextAttemptAt: done + backoffDelay(attempts, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random), ...last });
  }

  /** The tenant's webhook, signed. */
  private async toWebhook(d: Delivery): Promise<SendResult> {
    const hook = await this.o.webhooks.getWebhook(d.tenant);
    if (!hook) return { ok: false, reason: 'no_webhook' };
    const res = await this.o.client.request(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Pulseboard-Webhooks/1', [SIGNATURE_HEADER]: sign(hook.secret, d.body, Math.floor(this.o.now() / 1000)), [DELIVERY_HEADER]: d.id },
      body: d.body,
    });
    return res.ok ? { ok: true, status: res.status } : res;
  }

  private async record(d: Delivery, outcome: Parameters<OutboxStore['recordAttempt']>[2]): Promise<void> {
    await this.o.store.recordAttempt(d.id, this.owner, outcome);
    this.o.onAttempt?.({ ...d, ...outcome });
  }
}
