/**
 * The wire format of sample and stream events: one JSON object per Kafka message, `ts` in
 * epoch milliseconds, every field named as the column it lands in (DuckDB and Druid alike).
 */
import { z } from 'zod';
import type { SampleTable } from './sample-sql';

const text = z.string().max(500);
const int = z.number().int().safe();
const ts = z.number().int().min(0).max(8.64e15);

export const EVENT_SCHEMAS = {
  cluster_metrics: z.object({
    ts, tenant: text, cluster: text, broker: text, topic: text, client: text,
    bytes_in: int, bytes_out: int, messages_in: int, request_latency_ms: z.number(),
    consumer_lag: int, errors: int, under_replicated: int,
  }),
  logins: z.object({ ts, tenant: text, user: text, country: text, method: text, result: text }),
  sensor_readings: z.object({ ts, tenant: text, sensor_id: text, location: text, temperature_c: z.number(), temperature_f: z.number() }),
  alerts: z.object({
    ts, tenant: text, rule: text, severity: text, message: text,
    window_start: int, window_end: int, value: z.number(), threshold: z.number(),
  }),
} satisfies Record<SampleTable, z.ZodObject>;

/** DuckDB types of each event field, in column order (ts arrives as epoch ms). */
export const EVENT_COLUMNS: Record<SampleTable, [string, 'BIGINT' | 'DOUBLE' | 'VARCHAR'][]> = {
  cluster_metrics: [
    ['ts', 'BIGINT'], ['tenant', 'VARCHAR'], ['cluster', 'VARCHAR'], ['broker', 'VARCHAR'], ['topic', 'VARCHAR'], ['client', 'VARCHAR'],
    ['bytes_in', 'BIGINT'], ['bytes_out', 'BIGINT'], ['messages_in', 'BIGINT'], ['request_latency_ms', 'DOUBLE'],
    ['consumer_lag', 'BIGINT'], ['errors', 'BIGINT'], ['under_replicated', 'BIGINT'],
  ],
  logins: [['ts', 'BIGINT'], ['tenant', 'VARCHAR'], ['user', 'VARCHAR'], ['country', 'VARCHAR'], ['method', 'VARCHAR'], ['result', 'VARCHAR']],
  sensor_readings: [['ts', 'BIGINT'], ['tenant', 'VARCHAR'], ['sensor_id', 'VARCHAR'], ['location', 'VARCHAR'], ['temperature_c', 'DOUBLE'], ['temperature_f', 'DOUBLE']],
  alerts: [
    ['ts', 'BIGINT'], ['tenant', 'VARCHAR'], ['rule', 'VARCHAR'], ['severity', 'VARCHAR'], ['message', 'VARCHAR'],
    ['window_start', 'BIGINT'], ['window_end', 'BIGINT'], ['value', 'DOUBLE'], ['threshold', 'DOUBLE'],
  ],
};

/** Kafka topic of each table. */
export const TOPIC_PREFIX = 'pulse.';
export const topicOf = (table: SampleTable) => `${TOPIC_PREFIX}${table}`;

/**
 * INSERT of a batch passed as one JSON array parameter: DuckDB parses and unnests it, so a
 * batch of thousands of events is one statement. Built from the constants above only.
 */
export function insertBatchSql(table: SampleTable): string {
  const cols = EVENT_COLUMNS[table];
  const structure = JSON.stringify([Object.fromEntries(cols)]);
  const select = cols.map(([name]) => (name === 'ts' ? 'to_timestamp(e.ts / 1000.0)' : `e."${name}"`)).join(', ');
  return `INSERT INTO ${table} SELECT ${select} FROM (SELECT unnest(from_json($1, '${structure}')) AS e)`;
}

/** The SELECT that turns generated rows into wire events (ts back to epoch ms). */
export function eventsSelectSql(generator: string): string {
  return `SELECT epoch_ms(ts) AS ts, * EXCLUDE (ts) FROM (${generator})`;
}
