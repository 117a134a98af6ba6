/**
 * The Druid Kafka supervisor spec of a datasource declaration: Druid rolls events up to the
 * declared granularity into the declared metrics, and rejects events outside the same
 * timeliness bounds as the embedded engine's ingest (timeliness.ts). With tiers, each rollup
 * tier is a datasource of its own (`<id>__hour`, `<id>__day`) read from the same topic by its own
 * supervisor: the same metrics from the same events at a coarser query granularity, keeping the
 * tier's dimensions, so a measure's SQL reads it as it reads the datasource (lib/service/tier-parts.ts).
 */
import type { Datasource } from '@/lib/dashboards/datasource-schema';
import { TENANT_COLUMN } from '@/lib/dashboards/datasources';
import { datasourceTiers, type Tier } from '@/lib/dashboards/tiers';
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

/** The datasource's supervisor, then (with `tiers`) one per rollup tier, each named by its datasource. */
export function supervisorSpecs(ds: Datasource, opts: SpecOptions, tiers: boolean): { id: string; spec: Record<string, unknown> }[] {
  return [{ id: ds.id, spec: supervisorSpec(ds, opts) }, ...(tiers ? datasourceTiers(ds) : []).map((t) => ({ id: t.table, spec: supervisorSpec(ds, opts, t) }))];
}

/** `tier`: the spec of that tier's datasource instead of the datasource's own. */
export function supervisorSpec(ds: Datasource, opts: SpecOptions, tier?: Tier): Record<string, unknown> {
  const rollup = ds.granularity !== 'none';
  // Without rollup numeric fields are kept as typed columns; with it they live in the metrics.
  const numericDims = rollup ? [] : ds.fields.map((f) => ({ type: f.type, name: f.name }));
  const renameTenant = ds.tenantField !== TENANT_COLUMN;
  const dimensions = tier?.dimensions ?? ds.dimensions.map((d) => d.name);
  // A day tier's rows would make hour-long segments of a row per group each: its segments are days.
  const granularity = tier
    ? { queryGranularity: tier.grain.toUpperCase(), segmentGranularity: 'DAY' }
    : { queryGranularity: GRANULARITY[ds.granularity], segmentGranularity: 'HOUR' };
  return {
    type: 'kafka',
    spec: {
      dataSchema: {
        dataSource: tier?.table ?? ds.id,
        timestampSpec: { column: ds.timeField, format: 'millis' },
        dimensionsSpec: { dimensions: [TENANT_COLUMN, ...dimensions, ...numericDims] },
        ...(renameTenant ? { transformSpec: { transforms: [{ type: 'expression', name: TENANT_COLUMN, expression: `"${ds.tenantField}"` }] } } : {}),
        metricsSpec: ds.metrics.map((m) => aggregator(ds, m)),
        granularitySpec: { type: 'uniform', ...granularity, rollup },
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
