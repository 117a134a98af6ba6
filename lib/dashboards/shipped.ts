import type { DashboardInput } from './schema';

/**
 * Shared measure definitions, one list per datasource (Druid columns are rolled up to the minute).
 * Counts are COALESCEd on Druid: SUM over no rows is NULL there, while COUNT(*) is 0.
 */
const CLUSTER_MEASURES: DashboardInput['measures'] = [
  { id: 'bytes_in', label: 'Bytes in', format: 'bytes', sql: 'SUM("bytes_in")' },
  { id: 'bytes_out', label: 'Bytes out', format: 'bytes', sql: 'SUM("bytes_out")' },
  { id: 'messages_in', label: 'Messages in', format: 'count', sql: 'SUM("messages_in")' },
  { id: 'errors', label: 'Errors', format: 'count', sql: 'SUM("errors")', higherIsBetter: false },
  {
    id: 'latency_avg',
    label: 'Avg request latency',
    format: 'ms',
    higherIsBetter: false,
    sql: {
      duckdb: 'SUM("request_latency_ms") / COUNT(*)',
      druid: 'SUM("request_latency_ms") / SUM("count")',
    },
  },
  {
    id: 'consumer_lag_max',
    label: 'Max consumer lag',
    format: 'count',
    higherIsBetter: false,
    sql: { duckdb: 'MAX("consumer_lag")', druid: 'MAX("consumer_lag_max")' },
  },
  {
    id: 'under_replicated_max',
    label: 'Under-replicated partitions',
    format: 'count',
    higherIsBetter: false,
    sql: { duckdb: 'MAX("under_replicated")', druid: 'MAX("under_replicated_max")' },
  },
];

const CLUSTER_DIMENSIONS = [
  { id: 'cluster', label: 'Cluster' },
  { id: 'broker', label: 'Broker' },
  { id: 'topic', label: 'Topic' },
  { id: 'client', label: 'Client' },
];

export const SHIPPED_DASHBOARDS: DashboardInput[] = [
  {
    id: 'cluster-overview',
    title: 'Cluster overview',
    description: 'Throughput, latency and replication health across your Kafka clusters.',
    datasource: 'cluster_metrics',
    dimensions: CLUSTER_DIMENSIONS,
    measures: CLUSTER_MEASURES,
    maxSpanDays: 90,
    defaultView: { range: { last: 'P1D' } },
    panels: [
      { id: 'kpis', title: 'At a glance', type: 'kpi', span: 4, measures: ['bytes_in', 'bytes_out', 'messages_in', 'latency_avg', 'errors'] },
      { id: 'throughput', title: 'Bytes in by cluster', type: 'timeseries', measure: 'bytes_in', split: 'cluster' },
      { id: 'latency', title: 'Request latency by broker', type: 'timeseries', measure: 'latency_avg', split: 'broker' },
      { id: 'top_topics', title: 'Busiest topics', type: 'topn', dimension: 'topic', measure: 'bytes_in' },
      { id: 'replication', title: 'Under-replicated partitions by cluster', type: 'timeseries', measure: 'under_replicated_max', split: 'cluster' },
      { id: 'errors_by_broker', title: 'Brokers with most errors', type: 'topn', dimension: 'broker', measure: 'errors' },
      { id: 'brokers', title: 'Brokers', type: 'table', dimensions: ['broker'], measures: ['bytes_in', 'bytes_out', 'latency_avg', 'under_replicated_max'] },
    ],
  },
  {
    id: 'topics-clients',
    title: 'Topics & clients',
    description: 'Which topics and clients drive traffic, and who is falling behind.',
    datasource: 'cluster_metrics',
    dimensions: CLUSTER_DIMENSIONS,
    measures: CLUSTER_MEASURES,
    maxSpanDays: 90,
    defaultView: { range: { last: 'P1D' } },
    panels: [
      { id: 'kpis', title: 'At a glance', type: 'kpi', span: 4, measures: ['messages_in', 'consumer_lag_max', 'errors'] },
      { id: 'messages', title: 'Messages in by topic', type: 'timeseries', measure: 'messages_in', split: 'topic' },
      { id: 'lag', title: 'Consumer lag by client', type: 'timeseries', measure: 'consumer_lag_max', split: 'client' },
      { id: 'top_clients', title: 'Top clients by bytes out', type: 'topn', dimension: 'client', measure: 'bytes_out' },
      { id: 'errors_by_topic', title: 'Topics with most errors', type: 'topn', dimension: 'topic', measure: 'errors' },
      { id: 'pairs', title: 'Topics and clients', type: 'table', span: 4, dimensions: ['topic', 'client'], measures: ['messages_in', 'bytes_in', 'consumer_lag_max', 'errors'] },
    ],
  },
  {
    id: 'security-logins',
    title: 'Security logins',
    description: 'Login attempts and failures: is today’s spike normal?',
    datasource: 'logins',
    dimensions: [
      { id: 'user', label: 'User' },
      { id: 'country', label: 'Country' },
      { id: 'method', label: 'Method' },
      { id: 'result', label: 'Result' },
    ],
    measures: [
      { id: 'attempts', label: 'Attempts', format: 'count', sql: { duckdb: 'COUNT(*)', druid: 'COALESCE(SUM("count"), 0)' } },
      {
        id: 'failures',
        label: 'Failed logins',
        format: 'count',
        higherIsBetter: false,
        sql: {
          duckdb: `COUNT(*) FILTER (WHERE "result" = 'failure')`,
          druid: `COALESCE(SUM("count") FILTER (WHERE "result" = 'failure'), 0)`,
        },
      },
      {
        id: 'failure_rate',
        label: 'Failure rate',
        format: 'percent',
        higherIsBetter: false,
        sql: {
          duckdb: `COUNT(*) FILTER (WHERE "result" = 'failure') * 1.0 / COUNT(*)`,
          druid: `CAST(SUM("count") FILTER (WHERE "result" = 'failure') AS DOUBLE) / SUM("count")`,
        },
      },
      {
        id: 'users',
        label: 'Distinct users',
        format: 'count',
        approximate: true,
        // On Druid, a sketch of the "user" dimension at query time: Druid 33's segment metadata
        // cannot merge a realtime HLLSketchBuild column with its persisted HLLSketch form
        // (apache/druid#14315), which drops a pre-built sketch column from the SQL schema.
        sql: { duckdb: 'COUNT(DISTINCT "user")', druid: 'APPROX_COUNT_DISTINCT_DS_HLL("user")' },
      },
    ],
    maxSpanDays: 90,
    defaultView: { range: { last: 'P1D' }, compare: 'P1W' },
    panels: [
      { id: 'kpis', title: 'At a glance', type: 'kpi', span: 4, measures: ['attempts', 'failures', 'failure_rate', 'users'] },
      { id: 'failures_by_country', title: 'Failed logins by country', type: 'timeseries', measure: 'failures', split: 'country', span: 4 },
      { id: 'attempts_by_result', title: 'Attempts by result', type: 'timeseries', measure: 'attempts', split: 'result' },
      { id: 'top_countries', title: 'Countries with most failures', type: 'topn', dimension: 'country', measure: 'failures' },
      { id: 'by_method', title: 'Failures by method', type: 'topn', dimension: 'method', measure: 'failures' },
      { id: 'users', title: 'Users with failures', type: 'table', dimensions: ['user', 'country'], measures: ['failures', 'attempts'] },
    ],
  },
  {
    id: 'building-sensors',
    title: 'Building sensors',
    description: 'Temperatures across the smart building, enriched with location by the stream job.',
    datasource: 'sensor_readings',
    dimensions: [
      { id: 'location', label: 'Location' },
      { id: 'sensor_id', label: 'Sensor' },
    ],
    measures: [
      { id: 'readings', label: 'Readings', format: 'count', sql: { duckdb: 'COUNT(*)', druid: 'COALESCE(SUM("count"), 0)' } },
      {
        id: 'temp_c_avg',
        label: 'Avg temperature',
        format: 'celsius',
        sql: { duckdb: 'AVG("temperature_c")', druid: 'SUM("temperature_c") / SUM("count")' },
      },
      {
        id: 'temp_f_avg',
        label: 'Avg temperature (°F)',
        format: 'fahrenheit',
        sql: { duckdb: 'AVG("temperature_f")', druid: 'SUM("temperature_f") / SUM("count")' },
      },
      {
        id: 'temp_c_max',
        label: 'Max temperature',
        format: 'celsius',
        sql: { duckdb: 'MAX("temperature_c")', druid: 'MAX("temperature_c_max")' },
      },
      {
        id: 'temp_c_p95',
        label: 'p95 temperature',
        format: 'celsius',
        approximate: true,
        sql: { duckdb: 'quantile_cont("temperature_c", 0.95)', druid: 'APPROX_QUANTILE_DS("temperature_c_q", 0.95)' },
      },
    ],
    maxSpanDays: 90,
    defaultView: { range: { last: 'P1D' } },
    panels: [
      { id: 'kpis', title: 'At a glance', type: 'kpi', span: 4, measures: ['readings', 'temp_c_avg', 'temp_c_max', 'temp_c_p95'] },
      { id: 'temp_by_location', title: 'Temperature by location', type: 'timeseries', measure: 'temp_c_avg', split: 'location', span: 4 },
      { id: 'hottest', title: 'Hottest locations', type: 'topn', dimension: 'location', measure: 'temp_c_max' },
      { id: 'sensors', title: 'Sensors', type: 'table', dimensions: ['sensor_id', 'location'], measures: ['temp_c_avg', 'temp_f_avg', 'temp_c_max', 'readings'] },
    ],
  },
  {
    id: 'alerts',
    title: 'Alerts',
    description: 'Alerts raised by the stream jobs, by rule and severity.',
    datasource: 'alerts',
    dimensions: [
      { id: 'rule', label: 'Rule' },
      { id: 'severity', label: 'Severity' },
      { id: 'message', label: 'Message' },
    ],
    measures: [
      { id: 'alerts', label: 'Alerts', format: 'count', higherIsBetter: false, sql: 'COUNT(*)' },
      { id: 'max_value', label: 'Peak value', format: 'number', sql: 'MAX("value")' },
    ],
    maxSpanDays: 90,
    defaultView: { range: { last: 'P7D' } },
    panels: [
      { id: 'kpis', title: 'At a glance', type: 'kpi', span: 4, measures: ['alerts', 'max_value'] },
      { id: 'alerts_by_rule', title: 'Alerts by rule', type: 'timeseries', measure: 'alerts', split: 'rule', span: 4 },
      { id: 'by_severity', title: 'Alerts by severity', type: 'topn', dimension: 'severity', measure: 'alerts' },
      { id: 'recent', title: 'Alerts', type: 'table', dimensions: ['rule', 'severity', 'message'], measures: ['alerts', 'max_value'] },
    ],
  },
];
