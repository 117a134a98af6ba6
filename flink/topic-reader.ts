/**
 * Reads a topic from its first offset, partition by partition, with no consumer group: what the
 * pipeline and cluster suites hold against the producer's log. Why no group: @platformatic/kafka
 * 1.35 keeps a group's coordinator for good once found (platformatic/kafka#290, closed upstream;
 * its 2.x releases need Node 22). After the broker holding it was killed, a group operation there throws
 * from a callback (the broker is no longer in the metadata) and whoever waits on it waits for
 * ever. Here each round is one Fetch per partition leader under a deadline; a round that fails
 * or passes its deadline drops the client, and the next round starts with a new one (fresh
 * metadata and connections) from the offsets already read, so nothing is read twice.
 */
import { Consumer, IS_CONTROL, IS_TRANSACTIONAL } from '@platformatic/kafka';
import { CLOSE_MS, closeQuietly, withDeadline } from '@/lib/ingest/deadline';

export type Received = { value: string; at: number };

const ROUND_MS = 20_000; // a round is one Fetch that the broker answers within MAX_WAIT_MS
const MAX_WAIT_MS = 500;
const RETRY_MS = 1_000;
const READ_COMMITTED = 1;
const ABORT_MARKER = 0; // a control record's type (its key: version int16, type int16)

export type Batch = { firstOffset: bigint; lastOffsetDelta: number; attributes: number; producerId: bigint; records: { offsetDelta: number; key?: Buffer | null; value?: Buffer | null }[] };
export type PartitionData = { partitionIndex: number; abortedTransactions?: { producerId: bigint; firstOffset: bigint }[]; records?: Batch[] };

/** What one partition has been read up to, and its transactions known to be aborted (read_committed). */
export class PartitionState {
  next = 0n;
  private readonly pending: { producerId: bigint; firstOffset: bigint }[] = [];
  private readonly aborting = new Set<bigint>();

  /** The records of a fetched partition not read before, aborted transactions' left out (as Kafka's own consumer does). */
  take(p: PartitionData): Buffer[] {
    // Kafka lists the aborted transactions overlapping the fetched range: one already under way is listed again.
    for (const a of p.abortedTransactions ?? []) {
      if (a.firstOffset >= this.next && !this.pending.some((x) => x.producerId === a.producerId && x.firstOffset === a.firstOffset)) this.pending.push(a);
    }
    const out: Buffer[] = [];
    for (const batch of p.records ?? []) {
      const last = batch.firstOffset + BigInt(batch.lastOffsetDelta);
      if (last < this.next) continue;
      // An aborted transaction's batches start at its first offset and end at its abort marker.
      for (let i = this.pending.length - 1; i >= 0; i--) {
        if (this.pending[i]!.firstOffset <= last) this.aborting.add(this.pending.splice(i, 1)[0]!.producerId);
      }
      if (batch.attributes & IS_CONTROL) {
        if (batch.records[0]?.key?.readInt16BE(2) === ABORT_MARKER) this.aborting.delete(batch.producerId);
      } else if (!(batch.attributes & IS_TRANSACTIONAL && this.aborting.has(batch.producerId))) {
        for (const r of batch.records) if (batch.firstOffset + BigInt(r.offsetDelta) >= this.next && r.value) out.push(r.value);
      }
      this.next = last + 1n;
    }
    return out;
  }
}

export class TopicReader {
  /** Every record read so far, in partition order within each partition, with its arrival time. */
  readonly records: Received[] = [];
  private readonly partitions = new Map<number, PartitionState>();
  private client: Consumer<string, string, string, string> | undefined;
  private stopped = false;
  private readonly loop: Promise<void>;
  private lastError = '';

  /** `readCommitted`: only committed transactions' records (Flink's exactly-once output). */
  constructor(
    private readonly brokers: string[],
    readonly topic: string,
    private readonly readCommitted = true,
  ) {
    this.loop = this.run();
  }

  async close(): Promise<void> {
    this.stopped = true;
    await withDeadline(this.loop, ROUND_MS + CLOSE_MS, `closing the reader of ${this.topic}`);
  }

  private async run() {
    while (!this.stopped) {
      try {
        await withDeadline(this.round(), ROUND_MS, `reading ${this.topic}`);
      } catch (err) {
        // Said once per kind of failure, not every retry.
        const message = (err as Error).message.replace(/\.$/, '');
        if (message !== this.lastError) console.warn(`[kafka] reader of ${this.topic}: ${message}; again with a new client`);
        this.lastError = message;
        await this.dropClient();
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
    await this.dropClient();
  }

  private async round() {
    const client = (this.client ??= new Consumer({ groupId: 'unused-no-group', clientId: 'topic-reader', bootstrapBrokers: this.brokers }));
    const metadata = await client.metadata({ topics: [this.topic] });
    const topic = metadata.topics.get(this.topic)!;
    const byLeader = new Map<number, number[]>();
    topic.partitions.forEach((p, i) => byLeader.set(p.leader, [...(byLeader.get(p.leader) ?? []), i]));
    await Promise.all(
      [...byLeader].map(async ([node, indexes]) => {
        const response = await client.fetch({
          node,
          maxWaitTime: MAX_WAIT_MS,
          isolationLevel: this.readCommitted ? READ_COMMITTED : 0,
          topics: [{ topicId: topic.id, partitions: indexes.map((i) => ({ partition: i, fetchOffset: this.state(i).next, partitionMaxBytes: 4 << 20, currentLeaderEpoch: -1, lastFetchedEpoch: -1 })) }],
        });
        const at = Date.now();
        for (const r of response.responses) {
          for (const p of r.partitions as PartitionData[]) for (const value of this.state(p.partitionIndex).take(p)) this.records.push({ value: value.toString(), at });
        }
      }),
    );
  }

  private state(partition: number) {
    let s = this.partitions.get(partition);
    if (!s) this.partitions.set(partition, (s = new PartitionState()));
    return s;
  }

  private async dropClient() {
    const client = this.client;
    this.client = undefined;
    if (client) await closeQuietly(() => client.close(), 'closing a reader client');
  }
}
