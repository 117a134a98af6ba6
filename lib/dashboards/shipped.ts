import type { DashboardInput } from './schema';

/** Shared measure definitions, one list per datasource: typed aggregates over its event fields. */
const CLUSTER_MEASURES: DashboardInput['measures'] = [
  { id: 'bytes_in', label: 'Bytes in', format: 'bytes', type: 'sum', field: 'bytes_in' },
  { id: 'bytes_out', label: 'Bytes out', format: 'bytes', type: 'sum', field: 'bytes_out' },
  { id: 'messages_in', label: 'Messages in', format: 'count', type: 'sum', field: 'messages_in' },
  { id: 'errors', label: 'Errors', format: 'count', type: 'sum', field: 'errors', higherIsBetter: false },
  { id: 'latency_avg', label: 'Avg request latency', format: 'ms', higherIsBetter: false, type: 'avg', field: 'request_latency_ms' },
  { id: 'consumer_lag_max', label: 'Max consumer lag', format: 'count', higherIsBetter: false, type: 'max', field: 'consumer_lag' },
  { id: 'under_replicated_max', label: 'Under-replicated partitions', format: 'count', higherIsBetter: false, type: 'max', field: 'under_replicated' },
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
      { id: 'attempts', label: 'Attempts', format: 'count', type: 'count' },
      { id: 'failures', label: 'Failed logins', format: 'count', higherIsBetter: false, type: 'count', filter: { dimension: 'result', in: ['failure'] } },
      { id: 'failure_rate', label: 'Failure rate', format: 'percent', higherIsBetter: false, type: 'ratio', numerator: 'failures', denominator: 'attempts' },
      { id: 'users', label: 'Distinct users', format: 'count', type: 'distinct', field: 'user' },
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
      { id: 'readings', label: 'Readings', format: 'count', type: 'count' },
      { id: 'temp_c_avg', label: 'Avg temperature', format: 'celsius', type: 'avg', field: 'temperature_c' },
      { id: 'temp_f_avg', label: 'Avg temperature (°F)', format: 'fahrenheit', type: 'avg', field: 'temperature_f' },
      { id: 'temp_c_max', label: 'Max temperature', format: 'celsius', type: 'max', field: 'temperature_c' },
      { id: 'temp_c_p95', label: 'p95 temperature', format: 'celsius', type: 'quantile', field: 'temperature_c', p: 0.95 },
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
      { id: 'alerts', label: 'Alerts', format: 'count', higherIsBetter: false, type: 'count' },
      { id: 'max_value', label: 'Peak value', format: 'number', type: 'max', field: 'value' },
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
