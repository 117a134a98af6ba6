import { describe, expect, it } from 'vitest';
import { DatasourceSchema } from '@/lib/dashboards/datasource-schema';
import { findDatasource } from '@/lib/dashboards/registry';
import { supervisorSpec, supervisorSpecs } from './druid-spec';

type Spec = { spec: { dataSchema: Record<string, unknown>; ioConfig: Record<string, unknown> } };
const spec = (ds: Parameters<typeof supervisorSpec>[0]) => supervisorSpec(ds, { bootstrap: 'kafka:9092' }) as Spec;

describe('Druid supervisor specs from datasource declarations', () => {
  it('roll the shipped datasources up into their declared metrics, one aggregator per rollup', () => {
    const { dataSchema } = spec(findDatasource('sensor_readings')!).spec;
    expect(dataSchema.metricsSpec).toEqual([
      { type: 'count', name: 'count' },
      { type: 'doubleSum', name: 'temperature_c', fieldName: 'temperature_c' },
      { type: 'doubleSum', name: 'temperature_f', fieldName: 'temperature_f' },
      { type: 'doubleMin', name: 'temperature_c_min', fieldName: 'temperature_c' },
      { type: 'doubleMax', name: 'temperature_c_max', fieldName: 'temperature_c' },
      { type: 'quantilesDoublesSketch', name: 'temperature_c_q', fieldName: 'temperature_c', k: 128 },
    ]);
    expect(dataSchema.granularitySpec).toMatchObject({ queryGranularity: 'MINUTE', rollup: true });
    expect(spec(findDatasource('logins')!).spec.ioConfig).toMatchObject({ topic: 'pulse.logins', consumerProperties: { 'bootstrap.servers': 'kafka:9092' } });
  });

  it('with tiers, add a supervisor per rollup tier: the same topic and metrics, the tier\'s dimensions and grain', () => {
    const logins = findDatasource('logins')!;
    const specs = supervisorSpecs(logins, { bootstrap: 'kafka:9092' }, true) as { id: string; spec: Spec }[];
    expect(specs.map((s) => s.id)).toEqual(['logins', 'logins__hour', 'logins__day']);
    const [base, hour, day] = specs.map((s) => s.spec.spec);
    for (const tier of [hour!, day!]) {
      expect(tier.dataSchema.metricsSpec).toEqual(base!.dataSchema.metricsSpec);
      expect(tier.ioConfig).toEqual(base!.ioConfig);
    }
    expect(hour!.dataSchema).toMatchObject({ dataSource: 'logins__hour', granularitySpec: { queryGranularity: 'HOUR', segmentGranularity: 'DAY', rollup: true } });
    // logins.yaml keeps `user` out of the day tier.
    expect(day!.dataSchema).toMatchObject({ dataSource: 'logins__day', dimensionsSpec: { dimensions: ['tenant', 'country', 'method', 'result'] }, granularitySpec: { queryGranularity: 'DAY' } });
    expect(supervisorSpecs(logins, { bootstrap: 'kafka:9092' }, false).map((s) => s.id)).toEqual(['logins']);
    expect(supervisorSpecs(findDatasource('alerts')!, { bootstrap: 'kafka:9092' }, true).map((s) => s.id)).toEqual(['alerts']);
  });

  it('keep raw rows with typed numeric columns where no rollup is declared', () => {
    const { dataSchema } = spec(findDatasource('alerts')!).spec;
    expect(dataSchema.metricsSpec).toEqual([]);
    expect(dataSchema.dimensionsSpec).toEqual({
      dimensions: ['tenant', 'rule', 'severity', 'message', { type: 'long', name: 'window_start' }, { type: 'long', name: 'window_end' }, { type: 'double', name: 'value' }, { type: 'double', name: 'threshold' }],
    });
    expect(dataSchema.granularitySpec).toMatchObject({ queryGranularity: 'NONE', rollup: false });
  });

  it("read a vendor's own time and tenant fields, the tenant landing in the tenant column", () => {
    const ds = DatasourceSchema.parse({
      id: 'api_requests',
      topic: 'vendor.api',
      timeField: 'time',
      tenantField: 'customer',
      granularity: 'hour',
      dimensions: [{ name: 'endpoint' }],
      fields: [{ name: 'bytes', type: 'long' }],
      metrics: [
        { name: 'count', type: 'count' },
        { name: 'bytes', type: 'sum', field: 'bytes' },
        { name: 'bytes_q', type: 'quantiles', field: 'bytes' },
      ],
    });
    const { dataSchema } = spec(ds).spec;
    expect(dataSchema.timestampSpec).toEqual({ column: 'time', format: 'millis' });
    expect(dataSchema.transformSpec).toEqual({ transforms: [{ type: 'expression', name: 'tenant', expression: '"customer"' }] });
    expect(dataSchema.metricsSpec).toContainEqual({ type: 'longSum', name: 'bytes', fieldName: 'bytes' });
    expect(dataSchema.metricsSpec).toContainEqual({ type: 'quantilesDoublesSketch', name: 'bytes_q', fieldName: 'bytes', k: 128 });
    expect(dataSchema.granularitySpec).toMatchObject({ queryGranularity: 'HOUR' });
  });
});
