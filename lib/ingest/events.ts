/** Sample events on the wire: one JSON object per Kafka message (see declared.ts for their schema). */
import { findDatasource } from '@/lib/dashboards/registry';

/** Kafka topic of a declared datasource. */
export function topicOf(datasource: string): string {
  const ds = findDatasource(datasource);
  if (!ds) throw new Error(`no datasource ${datasource} is declared`);
  return ds.topic;
}

/** The SELECT that turns generated rows into wire events (ts back to epoch ms). */
export function eventsSelectSql(generator: string): string {
  return `SELECT epoch_ms(ts) AS ts, * EXCLUDE (ts) FROM (${generator})`;
}
