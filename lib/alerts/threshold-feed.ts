import 'server-only';
import type { TenantThresholds } from '@/lib/store/thresholds';
import { backoffDelay } from './outbox';

/** The compacted topic the Flink alert job reads tenants' threshold overrides from (flink/sql/alerts.sql). */
export const THRESHOLDS_TOPIC = 'pulse.alert_thresholds';

/** One record of that topic: key the tenant, value its overrides as JSON, or null (a tombstone) when it has none. */
export type ThresholdRecord = { key: string; value: string | null; timestamp: number };

/**
 * A tenant's record. Its timestamp is when the overrides changed (the database's updated_at, so a
 * republish keeps it): the job applies a version to the windows from that time on. A removal has
 * no row left to date it, so it is dated when it is published.
 */
export function thresholdRecord(t: TenantThresholds, now: number): ThresholdRecord {
  const none = Object.keys(t.thresholds).length === 0;
  return { key: t.tenant, value: none ? null : JSON.stringify({ tenant: t.tenant, ...t.thresholds }), timestamp: none ? now : (t.changedAt?.getTime() ?? now) };
}

export type ThresholdFeedOptions = {
  /** The tenant's overrides as committed now (the database is the source of truth). */
  read: (tenant: string) => Promise<TenantThresholds>;
  /** Every tenant's. */
  readAll: () => Promise<TenantThresholds[]>;
  /** Writes the records to the topic; resolves once the broker has them. */
  send: (records: ThresholdRecord[]) => Promise<void>;
  retryBaseMs?: number;
  retryMaxMs?: number;
  now?: () => number;
  random?: () => number;
  onPublished?: (records: ThresholdRecord[]) => void;
  onFailure?: (err: Error, attempt: number, retryInMs: number) => void;
};

type Waiter = { gen: number; resolve: () => void; reject: (err: Error) => void };

/**
 * Publishes tenants' alert thresholds to the compacted topic after each change, and all of them
 * on `snapshot` (at start, so a fresh topic is complete and a change a crash kept from being
 * published goes out). What is sent is read from the database when it is sent, one batch at a
 * time: the last record of a tenant is its last committed state, however changes interleave.
 * A failed send is retried with backoff until it succeeds (reported through `onFailure`); the
 * tenants it carried stay pending, so no change is dropped.
 */
export class ThresholdFeed {
  private readonly o: Required<Omit<ThresholdFeedOptions, 'onPublished' | 'onFailure'>> & Pick<ThresholdFeedOptions, 'onPublished' | 'onFailure'>;
  private readonly pending = new Set<string>();
  private everyone = false;
  private gen = 0;
  private waiters: Waiter[] = [];
  private draining?: Promise<void>;
  /** Set and cleared synchronously with the loop's last check, so no change is left behind by a finishing loop. */
  private running = false;
  private stopped = false;
  private wake?: () => void;

  constructor(opts: ThresholdFeedOptions) {
    this.o = { retryBaseMs: 500, retryMaxMs: 30_000, now: Date.now, random: Math.random, ...opts };
  }

  /** After a committed change of the tenant's overrides; resolves once its current state is on the topic. */
  changed(tenant: string): Promise<void> {
    this.pending.add(tenant);
    return this.schedule();
  }

  /** Every tenant's current state (a tombstone for those without overrides). */
  snapshot(): Promise<void> {
    this.everyone = true;
    return this.schedule();
  }

  /** Stops retrying; what is still pending is published by the next start's snapshot. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.draining;
    for (const w of this.waiters.splice(0)) w.reject(new Error('the threshold feed stopped before publishing'));
  }

  private schedule(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('the threshold feed is stopped'));
    const gen = ++this.gen;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ gen, resolve, reject }));
    if (!this.running) {
      this.running = true;
      this.draining = this.drain();
    }
    return done;
  }

  private async drain(): Promise<void> {
    let failures = 0;
    try {
      while (!this.stopped && (this.everyone || this.pending.size)) {
        const gen = this.gen;
        const everyone = this.everyone;
        const tenants = [...this.pending];
        this.everyone = false;
        this.pending.clear();
        try {
          const states = everyone ? await this.o.readAll() : [];
          const covered = new Set(states.map((s) => s.tenant));
          states.push(...(await Promise.all(tenants.filter((t) => !covered.has(t)).map((t) => this.o.read(t)))));
          const now = this.o.now();
          const records = states.map((s) => thresholdRecord(s, now));
          await this.o.send(records);
          // Another instance may have committed and published a newer state while this batch was
          // on its way, and this batch landed after it: a tenant whose state moved since it was
          // read goes again, so the topic's last record is the last committed state.
          const sent = new Map(states.map((s) => [s.tenant, JSON.stringify(thresholdRecord(s, 0))]));
          const after = everyone ? await this.o.readAll() : await Promise.all(states.map((s) => this.o.read(s.tenant)));
          const moved = after.filter((a) => sent.get(a.tenant) !== JSON.stringify(thresholdRecord(a, 0)));
          for (const a of moved) this.pending.add(a.tenant);
          failures = 0;
          this.o.onPublished?.(records);
          // Those waiting are answered once the state that is current is on the topic.
          if (moved.length === 0) this.settle(gen);
        } catch (err) {
          this.everyone ||= everyone;
          for (const t of tenants) this.pending.add(t);
          const delay = backoffDelay(++failures, this.o.retryBaseMs, this.o.retryMaxMs, this.o.random);
          this.o.onFailure?.(err as Error, failures, delay);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, delay);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      }
    } finally {
      this.running = false;
    }
  }

  private settle(gen: number): void {
    const [done, waiting] = [this.waiters.filter((w) => w.gen <= gen), this.waiters.filter((w) => w.gen > gen)];
    this.waiters = waiting;
    for (const w of done) w.resolve();
  }
}
