/**
 * A stand-alone Kafka → embedded-engine ingest, for the restart fault test: it consumes into a
 * DuckDB file and prints its event counts (rows plus held-back events) per table as one JSON
 * line every 100 ms, until it is killed.
 * Usage: node --conditions=react-server --import tsx lib/testing/ingest-worker.ts <db file> <group> <brokers>
 */
import { EmbeddedEngine } from '@/lib/engines/embedded';
import { findDatasource } from '@/lib/dashboards/registry';
import { eventCountSql } from '@/lib/ingest/declared';
import { startKafkaIngest } from '@/lib/ingest/kafka-ingest';
import { sampleTables } from '@/lib/ingest/sample-sql';

const [path, group, brokers] = process.argv.slice(2);
const engine = await EmbeddedEngine.create({ path });
await startKafkaIngest(engine, brokers!.split(','), group);
const conn = await engine.connect();
// An event held back for its timestamp (ingest_held) is kept, not lost: it counts for its table.
const sql = `SELECT ${sampleTables().map((t) => `(${eventCountSql(findDatasource(t)!)}) + (SELECT COUNT(*) FROM ingest_held WHERE tbl = '${t}')`).join(', ')}`;
setInterval(async () => {
  const counts = (await conn.runAndReadAll(sql)).getRowsJS()[0]!.map(Number);
  process.stdout.write(`${JSON.stringify(Object.fromEntries(sampleTables().map((t, i) => [t, counts[i]])))}\n`);
}, 100);
