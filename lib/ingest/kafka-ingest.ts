import 'server-only';
import { Consumer, MessagesStreamModes, stringDeserializers, type Message, type MessagesStream } from '@platformatic/kafka';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { EmbeddedEngine } from '@/lib/engines/embedded';
import { metrics } from '@/lib/metrics/registry';
import { listDatasources } from '@/lib/dashboards/registry';
import { batchRollupSql, eventSchema, insertBatchSql, schemaSql, type Event } from './declared';
import { appendFolded, buildTiers, inTransaction } from './tiers';
import { topicOf } from './events';
import { closeConsumer } from './close-consumer';
import { SerialFlusher } from './serial-flusher';
import { DEFAULT_TIMELINESS, judge, type Timeliness, type Verdict } from './timeliness';

const OFFSETS_SQL = `CREATE TABLE IF NOT EXISTS ingest_offsets (topic VARCHAR, part INTEGER, next_offset BIGINT, PRIMARY KEY (topic, part))`;
/** Events stamped too far from the clock: kept (never lost) but out of the tables until in time. */
const HELD_SQL = `CREATE TABLE IF NOT EXISTS ingest_held (tbl VARCHAR, ts BIGINT, verdict VARCHAR, event VARCHAR)`;
const FLUSH_MS = 200;
const MAX_BUFFERED = 20_000;

type Held = { table: string; ts: number; verdict: Exclude<Verdict, 'take'>; event: Event };
type Buffered = {
  rows: Map<string, Event[]>;
  held: Held[];
  next: Map<string, bigint>;
  last: Map<string, Message<string, string, string, string>>;
  count: number;
};

/**
 * Consumes the topics of every declared datasource (as declared at start) into the embedded engine. Each batch of rows and the offsets
 * after it are written in one DuckDB transaction, and a (re)start resumes from the offsets
 * stored there: a crash never loses an appended event, nor appends one twice. Offsets are
 * committed to Kafka afterwards too, so consumer-group lag shows up in Kafka's tools.
 * When Kafka fails (a broker away, a request timing out) consumption starts over from the
 * stored offsets after a pause, instead of taking the process down.
 */
export async function startKafkaIngest(
  engine: EmbeddedEngine,
  brokers: string[],
  groupId = 'pulseboard-embedded',
  timeliness: Timeliness = DEFAULT_TIMELINESS,
  { tiers }: { tiers: boolean } = { tiers: false },
) {
  const conn = await engine.connect();
  await conn.run(schemaSql(listDatasources()));
  if (tiers) {
    // A kept file may hold rows from before tiers existed (or were declared differently): rolled up once here.
    await inTransaction(conn, () => buildTiers(conn, listDatasources()));
    // Every batch from here on folds into them (consume), so the planner may read them.
    engine.enableTiers();
  }
  await conn.run(OFFSETS_SQL);
  await conn.run(HELD_SQL);
  let session: { stop: () => Promise<void> } | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  async function begin(attempt: number): Promise<void> {
    try {
      session = await consume(engine, conn, brokers, groupId, timeliness, tiers, restart);
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
async function consume(
  engine: EmbeddedEngine,
  conn: DuckDBConnection,
  brokers: string[],
  groupId: string,
  timeliness: Timeliness,
  tiers: boolean,
  onFailure: (err: unknown) => Promise<void>,
) {
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
  const declared = new Map(listDatasources().map((ds) => [ds.topic, { id: ds.id, schema: eventSchema(ds) }]));
  // With tiers, a batch's rows are folded into them too; without, inserted into the table alone.
  const writers = new Map(
    listDatasources().map((ds) => {
      const sql = tiers ? batchRollupSql(ds) : insertBatchSql(ds);
      const write = tiers ? (json: string) => appendFolded(conn, ds, sql, [json]) : (json: string) => conn.run(sql, [json]).then(() => undefined);
      return [ds.id, write];
    }),
  );
  const topics = [...declared.keys()];
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
    await closeConsumer(consumer, 'kafka');
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
  stream.on('data', (m: Message<string, string, string, string>) => {
    const target = declared.get(m.topic);
    const key = `${m.topic}:${m.partition}`;
    buf.next.set(key, m.offset + 1n);
    buf.last.set(key, m);
    const parsed = target?.schema.safeParse(safeJson(m.value));
    if (!target || !parsed?.success) {
      metrics().ingestRejected.inc({ topic: m.topic });
    } else {
      const event = parsed.data;
      const table = target.id;
      const verdict = judge(event.ts, Date.now(), timeliness);
      if (verdict === 'take') rowsOf(buf, table).push(event);
      else buf.held.push({ table, ts: event.ts, verdict, event });
      buf.count++;
    }
    if (buf.count >= MAX_BUFFERED) {
      stream.pause();
      void flusher.run().finally(() => stream.resume());
    }
  });

  async function flush(): Promise<void> {
    const due = await releasable();
    if (buf.next.size === 0 && due.length === 0) return;
    const batch = buf;
    buf = empty();
    for (const h of due) rowsOf(batch, h.table).push(h.event);
    await inTransaction(conn, async () => {
      for (const [table, rows] of batch.rows) if (rows.length) await writers.get(table)!(JSON.stringify(rows));
      if (due.length) await conn.run(`DELETE FROM ingest_held WHERE verdict = 'future' AND ts <= $1`, [due.at(-1)!.ts]);
      for (const h of batch.held) await conn.run('INSERT INTO ingest_held VALUES ($1, $2, $3, $4)', [h.table, h.ts, h.verdict, JSON.stringify(h.event)]);
      for (const [key, next] of batch.next) {
        const [topic, part] = key.split(':');
        await conn.run('INSERT OR REPLACE INTO ingest_offsets VALUES ($1, $2, $3)', [topic!, Number(part), next]);
      }
    });
    for (const h of batch.held) metrics().ingestHeld.inc({ topic: topicOf(h.table), reason: h.verdict });
    for (const [table, rows] of batch.rows) {
      if (!rows.length) continue;
      metrics().ingestEvents.inc({ topic: topicOf(table) }, rows.length);
      for (const [tenant, until] of newestByTenant(rows)) engine.noteAppended(table, tenant, until);
    }
    for (const m of batch.last.values()) {
      try {
        await m.commit();
      } catch {
        /* informational only: the offsets that count are the ones stored with the rows */
      }
    }
  }

  /** Held events from the future whose time has come, oldest first. */
  async function releasable(): Promise<Held[]> {
    const rows = await conn.runAndReadAll(`SELECT tbl, ts, event FROM ingest_held WHERE verdict = 'future' AND ts <= $1 ORDER BY ts`, [
      Date.now() + timeliness.maxFutureMs,
    ]);
    return rows.getRowsJS().map(([table, ts, event]) => ({ table: String(table), ts: Number(ts), verdict: 'future', event: JSON.parse(String(event)) as Event }));
  }

  const flusher = new SerialFlusher(flush, (err) => {
    console.error('[kafka] append failed; starting over from the stored offsets so nothing is skipped', err);
    fail(err);
  });
  const timer = setInterval(() => void flusher.run(), FLUSH_MS);

  async function stop() {
    clearInterval(timer);
    await flusher.settled();
    await stream.close().catch(() => {});
    await closeConsumer(consumer, 'kafka');
  }
  return { stop };
}

function empty(): Buffered {
  return { rows: new Map(), held: [], next: new Map(), last: new Map(), count: 0 };
}

function rowsOf(buf: Buffered, table: string): Event[] {
  let rows = buf.rows.get(table);
  if (!rows) buf.rows.set(table, (rows = []));
  return rows;
}

/** Each tenant's newest event in a batch, as the exclusive end of its data. */
export function newestByTenant(rows: Event[]): Map<string, number> {
  const newest = new Map<string, number>();
  // A loop, not Math.max(...rows): a spread of a large batch can overflow the call stack.
  for (const r of rows) newest.set(r.tenant, Math.max(newest.get(r.tenant) ?? 0, r.ts + 1));
  return newest;
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}
