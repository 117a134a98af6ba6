import 'server-only';
import { randomBytes } from 'node:crypto';
import type { QueryResponse } from '@/lib/contract/schemas';
import { panelUpdate, type PanelUpdate } from '@/lib/contract/stream';
import { AppError } from '@/lib/errors/app-error';
import { logger } from '@/lib/metrics/log';
import { metrics } from '@/lib/metrics/registry';

/** What a topic (one tenant's view of one dashboard) is computed from. */
export type StreamSource = {
  /** Where the view's data ends now: answers are asked again only when it moves. */
  dataUntil: () => Promise<number>;
  /** Every panel's answer to the view, through the answering service (its cache included). */
  answers: () => Promise<readonly (readonly [panel: string, answer: QueryResponse])[]>;
};

/** One SSE event: what changed in the topic's panels; `id` lets a reconnecting client resume. */
export type StreamEvent = { id: string; updates: PanelUpdate[] };

export type StreamHubOptions = {
  /** How often a topic asks whether its data moved on. */
  tickMs: number;
  /** Events kept per topic for clients reconnecting with Last-Event-ID. */
  history: number;
  /** Open streams per tenant (they count against its quota), and in all. */
  maxPerTenant: number;
  maxTotal: number;
};

type Subscriber = { tenant: string; send: (e: StreamEvent) => void };

class Topic {
  /** The answers every subscriber has: each event is the change from these. */
  readonly answers = new Map<string, QueryResponse>();
  readonly subscribers = new Set<Subscriber>();
  readonly history: StreamEvent[] = [];
  /** Subscribers still waiting for the first computation: the topic stays while they wait. */
  waiting = 0;
  seq = 0;
  private until = Number.NaN;
  private timer: NodeJS.Timeout | undefined;
  readonly first: Promise<void>;

  constructor(
    private readonly source: StreamSource,
    private readonly opts: StreamHubOptions,
    private readonly epoch: string,
  ) {
    this.first = this.tick();
  }

  id(seq: number): string {
    return `${this.epoch}.${seq}`;
  }

  start(): void {
    const loop = () => {
      this.timer = setTimeout(() => void this.tick().then(loop, (err: unknown) => {
        metrics().streamTickFailures.inc();
        logger().warn({ message: err instanceof Error ? err.message : String(err) }, 'stream tick failed; the next one retries');
        loop();
      }), this.opts.tickMs);
    };
    loop();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * One computation for every subscriber: when the data moved on, each panel's answer once, and
   * to everyone the same event. A stale answer (the cache refreshing behind it) leaves the tick
   * unfinished, so the next one asks again instead of waiting for more data.
   */
  private async tick(): Promise<void> {
    const until = await this.source.dataUntil();
    if (until === this.until) return;
    const answers = await this.source.answers();
    metrics().streamComputations.inc();
    const updates = answers.flatMap(([panel, answer]) => {
      const u = panelUpdate(panel, this.answers.get(panel), answer);
      this.answers.set(panel, answer);
      return u ? [u] : [];
    });
    if (answers.every(([, a]) => a.meta.cache !== 'stale')) this.until = until;
    if (updates.length === 0) return;
    const event = { id: this.id(++this.seq), updates };
    this.history.push(event);
    if (this.history.length > this.opts.history) this.history.shift();
    for (const s of this.subscribers) s.send(event);
  }

  /** What a new subscriber needs first: nothing, the events it missed, or every answer from nothing. */
  catchUp(lastEventId: string | undefined): StreamEvent[] {
    const [epoch, seqText] = lastEventId?.split('.') ?? [];
    const seen = epoch === this.epoch ? Number(seqText) : Number.NaN;
    if (seen === this.seq) return [];
    const missed = this.history.filter((e) => Number(e.id.split('.')[1]) > seen);
    if (Number.isInteger(seen) && missed.length === this.seq - seen) return missed;
    const updates = [...this.answers].flatMap(([panel, a]) => panelUpdate(panel, undefined, a) ?? []);
    return [{ id: this.id(this.seq), updates }];
  }
}

/**
 * Live push: one topic per (tenant, locked filters, dashboard, view) however many browsers
 * watch it, computed once per tick and sent to all of them as the change since the last event.
 */
export class StreamHub {
  private readonly topics = new Map<string, Topic>();
  private readonly perTenant = new Map<string, number>();
  private total = 0;
  /** Ids from an earlier process never match this one's: a client reconnecting after a restart starts over. */
  private readonly epoch = randomBytes(4).toString('hex');

  constructor(private readonly opts: StreamHubOptions) {}

  /**
   * Subscribes to a topic, computing it first if nobody watches it yet (its errors, such as a
   * view the dashboard cannot answer, are thrown here, before any event). Returns the unsubscribe.
   */
  async subscribe(key: string, tenant: string, source: () => StreamSource, send: (e: StreamEvent) => void, lastEventId?: string): Promise<() => void> {
    const mine = this.perTenant.get(tenant) ?? 0;
    if (mine >= this.opts.maxPerTenant || this.total >= this.opts.maxTotal) {
      throw new AppError('rate_limited', `Too many live dashboards are open${mine >= this.opts.maxPerTenant ? ' for your organisation' : ''}; this one refreshes by polling.`);
    }
    this.count(tenant, 1);
    try {
      let topic = this.topics.get(key);
      if (!topic) {
        topic = new Topic(source(), this.opts, this.epoch);
        this.topics.set(key, topic);
        topic.first.then(() => topic!.start(), () => this.drop(key, topic!));
      }
      topic.waiting++;
      await topic.first.finally(() => topic.waiting--);
      const subscriber = { tenant, send };
      for (const e of topic.catchUp(lastEventId)) send(e);
      topic.subscribers.add(subscriber);
      return () => {
        topic.subscribers.delete(subscriber);
        this.count(tenant, -1);
        if (topic.subscribers.size === 0 && topic.waiting === 0) this.drop(key, topic);
      };
    } catch (err) {
      this.count(tenant, -1);
      throw err;
    }
  }

  stats() {
    return { topics: this.topics.size, streams: this.total };
  }

  private drop(key: string, topic: Topic): void {
    topic.stop();
    if (this.topics.get(key) === topic) this.topics.delete(key);
  }

  private count(tenant: string, by: 1 | -1): void {
    this.total += by;
    const n = (this.perTenant.get(tenant) ?? 0) + by;
    if (n === 0) this.perTenant.delete(tenant);
    else this.perTenant.set(tenant, n);
    metrics().streamsOpen.set(this.total);
  }
}
