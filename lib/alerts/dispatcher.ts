import { randomUUID } from 'node:crypto';
import { sign, SIGNATURE_HEADER } from './signature';

export type Webhook = { url: string; secret: string };

export type DeliveryLog = {
  id: string;
  tenant: string;
  url: string;
  attempt: number;
  status: number | null;
  outcome: 'delivered' | 'retrying' | 'failed' | 'dropped';
  error?: string;
  at: string;
};

type Job = { id: string; tenant: string; hook: Webhook; body: string; attempt: number };

export type DispatcherOptions = {
  fetch?: typeof fetch;
  /** Delay before attempt n+1; its length is the number of retries. */
  backoffMs?: number[];
  /** Per tenant: a flood of alerts to a dead endpoint cannot eat memory. */
  maxQueued?: number;
  timeoutMs?: number;
  onLog?: (entry: DeliveryLog) => void;
};

/**
 * Delivers alert webhooks in the background: signed, retried with exponential backoff,
 * every attempt logged. `enqueue` never waits for the network, so a slow or failing webhook
 * cannot hold up the pipeline that raised the alert.
 */
export class WebhookDispatcher {
  private readonly queued = new Map<string, number>();
  private readonly log: DeliveryLog[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly opts: Required<Omit<DispatcherOptions, 'onLog'>> & Pick<DispatcherOptions, 'onLog'>;

  constructor(opts: DispatcherOptions = {}) {
    this.opts = { fetch: opts.fetch ?? fetch, backoffMs: opts.backoffMs ?? [1_000, 2_000, 4_000, 8_000, 16_000], maxQueued: opts.maxQueued ?? 500, timeoutMs: opts.timeoutMs ?? 5_000, onLog: opts.onLog };
  }

  enqueue(tenant: string, hook: Webhook, payload: unknown): boolean {
    const id = randomUUID();
    const pending = this.queued.get(tenant) ?? 0;
    if (pending >= this.opts.maxQueued) {
      this.record({ id, tenant, url: hook.url, attempt: 0, status: null, outcome: 'dropped', error: 'queue full' });
      return false;
    }
    this.queued.set(tenant, pending + 1);
    this.schedule({ id, tenant, hook, body: JSON.stringify({ id, ...(payload as object) }), attempt: 1 }, 0);
    return true;
  }

  /** Recent attempts, newest first; only the tenant's own when `tenant` is given. */
  recent(tenant?: string, limit = 50): DeliveryLog[] {
    return this.log.filter((l) => !tenant || l.tenant === tenant).slice(-limit).reverse();
  }

  /** Resolves once nothing is queued or waiting for a retry (tests, shutdown). */
  async idle(pollMs = 20): Promise<void> {
    while ([...this.queued.values()].some((n) => n > 0)) await new Promise((r) => setTimeout(r, pollMs));
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.queued.clear();
  }

  private schedule(job: Job, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(job);
    }, delayMs);
    timer.unref?.();
    this.timers.add(timer);
  }

  private async attempt(job: Job): Promise<void> {
    let status: number | null = null;
    let error: string | undefined;
    try {
      const res = await this.opts.fetch(job.hook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(job.hook.secret, job.body, Math.floor(Date.now() / 1000)), 'x-pulse-delivery': job.id },
        body: job.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      status = res.status;
      await res.body?.cancel();
      if (res.ok) return this.finish(job, status, 'delivered');
      error = `HTTP ${res.status}`;
    } catch (err) {
      error = (err as Error).message;
    }
    const delay = this.opts.backoffMs[job.attempt - 1];
    if (delay === undefined) return this.finish(job, status, 'failed', error);
    this.record({ id: job.id, tenant: job.tenant, url: job.hook.url, attempt: job.attempt, status, outcome: 'retrying', error });
    this.schedule({ ...job, attempt: job.attempt + 1 }, delay);
  }

  private finish(job: Job, status: number | null, outcome: 'delivered' | 'failed', error?: string): void {
    this.queued.set(job.tenant, Math.max(0, (this.queued.get(job.tenant) ?? 1) - 1));
    this.record({ id: job.id, tenant: job.tenant, url: job.hook.url, attempt: job.attempt, status, outcome, error });
  }

  private record(entry: Omit<DeliveryLog, 'at'>): void {
    const full = { ...entry, at: new Date().toISOString() };
    this.log.push(full);
    if (this.log.length > 1_000) this.log.splice(0, this.log.length - 1_000);
    this.opts.onLog?.(full);
  }
}
