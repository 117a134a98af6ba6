import 'server-only';
import { Consumer, MessagesStreamModes, stringDeserializers, type Message, type MessagesStream } from '@platformatic/kafka';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { EmbeddedEngine } from '@/lib/engines/embedded';
import { metrics } from '@/lib/metrics/registry';
import { EVENT_SCHEMAS, TOPIC_PREFIX, insertBatchSql, topicOf } from './events';
import { SAMPLE_TABLES, SCHEMA_SQL, type SampleTable } from './sample-sql';

const OFFSETS_SQL = `CREATE TABLE IF NOT EXISTS ingest_offsets (topic VARCHAR, part INTEGER, next_offset BIGINT, PRIMARY KEY (topic, part))`;
const FLUSH_MS = 200;
const MAX_BUFFERED = 20_000;

type Buffered = { rows: Map<SampleTable, unknown[]>; next: Map<string, bigint>; last: Map<string, Message<string, string, string, string>>; count: number };

/**
 * Consumes the sample topics into the embedded engine. Each batch of rows and the offsets
 * after it are written in one DuckDB transaction, and a (re)start resumes from the offsets
 * stored there: a crash never loses an appended event, nor appends one twice. Offsets are
 * committed to Kafka afterwards too, so consumer-group lag shows up in Kafka's tools.
 * When Kafka fails (a broker away, a request timing out) consumption starts over from the
 * stored offsets after a pause, instead of taking the process down.
 */
export async function startKafkaIngest(engine: EmbeddedEngine, brokers: string[], groupId = 'pulseboard-embedded') {
  const conn = await engine.connect();
  await conn.run(SCHEMA_SQL);
  await conn.run(OFFSETS_SQL);
  let session: { stop: () => Promise<void> } | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  async function begin(attempt: number): Promise<void> {
    try {
      session = await consume(engine, conn, brokers, groupId, restart);
    } catch (err) {
      const pauseMs = Math.min(30_000, 1_000 * 2 ** attempt);
      console.error(`[kafka] could not start consuming (${String(err)}); retrying in ${pauseMs / 1000} s`);
      if (!stopped) retry = setTimeout(() => void begin(attempt + 1), pauseMs);
    }
  }
  async function restart(err: unknown): Promise<void> {
    console.error(`[kafka] consumption failed (${String(err)}); starting over from the stored offsets`);
    const failed = session;
    session = null;
    await failed?.stop();
    if (!stopped) retry = setTimeout(() => void begin(0), 1_000);
  }
  await begin(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await session?.stop();
      conn.closeSync();
    },
  };
}

/** One consumer from the stored offsets, flushing batches until stopped or `onFailure`. */
async function consume(engine: EmbeddedEngine, conn: DuckDBConnection, brokers: string[], groupId: string, onFailure: (err: unknown) => Promise<void>) {
  const stored = new Map(
    (await conn.runAndReadAll('SELECT topic, part, next_offset FROM ingest_offsets')).getRowsJS().map((r) => [`${r[0]}:${r[1]}`, r[2] as bigint]),
  );
  const consumer = new Consumer({
    groupId,
    clientId: 'pulseboard',
    bootstrapBrokers: brokers,
    deserializers: stringDeserializers,
    // A restarted app rejoins the group only once its killed predecessor's session ends: keep it short.
    sessionTimeout: 10_000,
    heartbeatInterval: 3_000,
  });
  const closeConsumer = () => new Promise<void>((resolve) => consumer.close(true, () => resolve()));
  const topics = SAMPLE_TABLES.map(topicOf);
  let stream: MessagesStream<string, string, string, string>;
  try {
    const earliest = await consumer.listOffsets({ topics, timestamp: -2n });
    const offsets = [...earliest].flatMap(([topic, parts]) =>
      parts.map((offset, partition) => ({ topic, partition, offset: stored.get(`${topic}:${partition}`) ?? offset })),
    );
    stream = await consumer.consume({
      topics,
      mode: MessagesStreamModes.MANUAL,
      offsets,
      autocommit: false,
      isolationLevel: 1, // READ_COMMITTED: only events of committed Flink transactions
      maxWaitTime: FLUSH_MS,
    });
  } catch (err) {
    await closeConsumer();
    throw err;
  }
  let failed = false;
  const fail = (err: unknown) => {
    if (failed) return;
    failed = true;
    void onFailure(err);
  };
  stream.on('error', fail);
  consumer.on('error', fail);

  let buf: Buffered = empty();
  let flushing: Promise<void> = Promise.resolve();
  stream.on('data', (m: Message<string, string, string, string>) => {
    const table = m.topic.slice(TOPIC_PREFIX.length) as SampleTable;
    const key = `${m.topic}:${m.partition}`;
    buf.next.set(key, m.offset + 1n);
    buf.last.set(key, m);
    const parsed = EVENT_SCHEMAS[table]?.safeParse(safeJson(m.value));
    if (!parsed?.success) {
      metrics().ingestRejected.inc({ topic: m.topic });
    } else {
      buf.rows.get(table)!.push(parsed.data);
      buf.count++;
    }
    if (buf.count >= MAX_BUFFERED) {
      stream.pause();
      flushing = flushing.then(flush).finally(() => stream.resume());
    }
  });

  async function flush(): Promise<void> {
    if (buf.next.size === 0) return;
    const batch = buf;
    buf = empty();
    await conn.run('BEGIN TRANSACTION');
    try {
      for (const [table, rows] of batch.rows) if (rows.length) await conn.run(insertBatchSql(table), [JSON.stringify(rows)]);
      for (const [key, next] of batch.next) {
        const [topic, part] = key.split(':');
        await conn.run('INSERT OR REPLACE INTO ingest_offsets VALUES ($1, $2, $3)', [topic!, Number(part), next]);
      }
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK');
      throw err;
    }
    for (const [table, rows] of batch.rows) {
      if (!rows.length) continue;
      metrics().ingestEvents.inc({ topic: topicOf(table) }, rows.length);
      // A loop, not Math.max(...rows): a spread of a large batch can overflow the call stack.
      let newest = 0;
      for (const r of rows) newest = Math.max(newest, (r as { ts: number }).ts);
      engine.noteAppended(table, newest + 1);
    }
    for (const m of batch.last.values()) {
      try {
        await m.commit();
      } catch {
        /* informational only: the offsets that count are the ones stored with the rows */
      }
    }
  }

  const timer = setInterval(() => {
    flushing = flushing.then(flush).catch((err) => {
      console.error('[kafka] append failed; starting over from the stored offsets so nothing is skipped', err);
      fail(err);
    });
  }, FLUSH_MS);

  async function stop() {
    clearInterval(timer);
    await flushing.catch(() => {});
    await stream.close().catch(() => {});
    await closeConsumer();
  }
  return { stop };
}

function empty(): Buffered {
  return { rows: new Map(SAMPLE_TABLES.map((t) => [t, []])), next: new Map(), last: new Map(), count: 0 };
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}
