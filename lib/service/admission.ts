import { AppError } from '@/lib/errors/app-error';

export type AdmissionOptions = {
  /** Engine queries (cache misses) running at once, all tenants together. */
  maxRunning: number;
  /** One tenant may hold at most this many of the running slots: a storm cannot starve the rest. */
  maxRunningPerTenant: number;
  /** Waiting beyond this is refused at once with 429: shedding early keeps admitted latency bounded. */
  maxQueued: number;
  /** One tenant's waiting queries: its storm is shed before it fills the queue for everyone. */
  maxQueuedPerTenant: number;
};

type Waiter = { tenant: string; start: () => void; reject: (err: unknown) => void };

/**
 * Admission control for engine work with a per-tenant fair share: waiting work is taken
 * round-robin across tenants, and no tenant runs more than its share at once.
 */
export class Admission {
  private running = 0;
  private readonly runningByTenant = new Map<string, number>();
  private readonly queues = new Map<string, Waiter[]>();
  private queued = 0;

  constructor(private readonly opts: AdmissionOptions) {}

  /**
   * Runs `work` when admitted; `priority` is lower for a tenant that already has more in flight.
   * Background work (refreshing an answer that can still be served stale) never waits: it runs
   * only in a free slot, with nothing queued and half the slots left for people waiting.
   */
  async run<T>(tenant: string, work: (priority: number) => Promise<T>, opts: { signal?: AbortSignal; background?: boolean } = {}): Promise<T> {
    if (opts.background) {
      if (this.queued > 0 || this.running >= this.opts.maxRunning / 2 || !this.canStart(tenant)) {
        throw new AppError('rate_limited', 'Busy: the refresh is skipped and the stale answer stays.');
      }
      this.take(tenant);
    } else if (!this.canStart(tenant)) await this.wait(tenant, opts.signal);
    else this.take(tenant);
    const priority = 1 - (this.runningByTenant.get(tenant) ?? 1);
    try {
      return await work(priority);
    } finally {
      this.release(tenant);
    }
  }

  stats() {
    return { running: this.running, queued: this.queued };
  }

  private canStart(tenant: string): boolean {
    return this.running < this.opts.maxRunning && (this.runningByTenant.get(tenant) ?? 0) < this.opts.maxRunningPerTenant;
  }

  private take(tenant: string): void {
    this.running++;
    this.runningByTenant.set(tenant, (this.runningByTenant.get(tenant) ?? 0) + 1);
  }

  private wait(tenant: string, signal?: AbortSignal): Promise<void> {
    const mine = this.queues.get(tenant)?.length ?? 0;
    if (this.queued >= this.opts.maxQueued || mine >= this.opts.maxQueuedPerTenant) {
      return Promise.reject(new AppError('rate_limited', 'Too many queries are waiting right now. Please retry in a moment.'));
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { tenant, start: resolve, reject };
      const queue = this.queues.get(tenant) ?? [];
      queue.push(waiter);
      this.queues.set(tenant, queue);
      this.queued++;
      signal?.addEventListener('abort', () => this.drop(waiter, signal.reason), { once: true });
    });
  }

  private drop(waiter: Waiter, reason: unknown): void {
    const queue = this.queues.get(waiter.tenant);
    const i = queue?.indexOf(waiter) ?? -1;
    if (i < 0) return;
    queue!.splice(i, 1);
    if (queue!.length === 0) this.queues.delete(waiter.tenant);
    this.queued--;
    waiter.reject(reason);
  }

  private release(tenant: string): void {
    this.running--;
    const left = (this.runningByTenant.get(tenant) ?? 1) - 1;
    if (left === 0) this.runningByTenant.delete(tenant);
    else this.runningByTenant.set(tenant, left);
    this.admitNext();
  }

  /** Round-robin: the tenant that waited longest at the head of its queue, among those under their share. */
  private admitNext(): void {
    for (const [tenant, queue] of this.queues) {
      if (!this.canStart(tenant)) continue;
      const next = queue.shift()!;
      this.queued--;
      // Move this tenant to the back of the rotation.
      this.queues.delete(tenant);
      if (queue.length) this.queues.set(tenant, queue);
      this.take(tenant);
      next.start();
      return;
    }
  }
}
