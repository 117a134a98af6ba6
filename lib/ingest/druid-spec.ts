/**
 * The Druid Kafka supervisor spec of a datasource declaration: Druid rolls events up to the
 * declared granularity into the declared metrics, and rejects events outside the same
 * timeliness bounds as the embedded engine's ingest (timeliness.ts).
 */
import type { Datasource } from '@/lib/dashboards/datasource-schema';
import { TENANT_COLUMN } from '@/lib/dashboards/datasources';
import { DEFAULT_TIMELINESS, isoPeriod } from './timeliness';

export type SpecOptions = { bootstrap: string; earlyMessageRejectionPeriod?: string };

const GRANULARITY = { none: 'NONE', minute: 'MINUTE', hour: 'HOUR' } as const;

function aggregator(ds: Datasource, m: Datasource['metrics'][number]): Record<string, unknown> {
  if (m.type === 'count') return { type: 'count', name: m.name };
  const fieldName = m.field!;
  if (m.type === 'quantiles') return { type: 'quantilesDoublesSketch', name: m.name, fieldName, k: 128 };
  const numeric = ds.fields.find((f) => f.name === fieldName)!.type;
  return { type: `${numeric}${m.type[0]!.toUpperCase()}${m.type.slice(1)}`, name: m.name, fieldName };
}

export function supervisorSpec(ds: Datasource, opts: SpecOptions): Record<string, unknown> {
  const rollup = ds.granularity !== 'none';
  // Without rollup numeric fields are kept as typed columns; with it they live in the metrics.
  const numericDims = rollup ? [] : ds.fields.map((f) => ({ type: f.type, name: f.name }));
  const renameTenant = ds.tenantField !== TENANT_COLUMN;
  return {
    type: 'kafka',
    spec: {
      dataSchema: {
        dataSource: ds.id,
        timestampSpec: { column: ds.timeField, format: 'millis' },
        dimensionsSpec: { dimensions: [TENANT_COLUMN, ...ds.dimensions.map((d) => d.name), ...numericDims] },
        ...(renameTenant ? { transformSpec: { transforms: [{ type: 'expression', name: TENANT_COLUMN, expression: `"${ds.tenantField}"` }] } } : {}),
        metricsSpec: ds.metrics.map((m) => aggregator(ds, m)),
        granularitySpec: { type: 'uniform', segmentGranularity: 'HOUR', queryGranularity: GRANULARITY[ds.granularity], rollup },
      },
      ioConfig: {
        type: 'kafka',
        topic: ds.topic,
        inputFormat: { type: 'json' },
        consumerProperties: { 'bootstrap.servers': opts.bootstrap },
        useEarliestOffset: true,
        taskCount: 1,
        replicas: 1,
        taskDuration: 'PT10M',
        completionTimeout: 'PT15M',
        startDelay: 'PT5S',
        period: 'PT15S',
        earlyMessageRejectionPeriod: opts.earlyMessageRejectionPeriod ?? isoPeriod(DEFAULT_TIMELINESS.maxFutureMs),
        lateMessageRejectionPeriod: isoPeriod(DEFAULT_TIMELINESS.maxLateMs),
      },
      tuningConfig: {
        type: 'kafka',
        maxRowsInMemory: 100000,
        intermediatePersistPeriod: 'PT1M',
        maxRowsPerSegment: 5000000,
        intermediateHandoffPeriod: 'PT10M',
        handoffConditionTimeout: 300000,
        resetOffsetAutomatically: false,
      },
    },
  };
}
