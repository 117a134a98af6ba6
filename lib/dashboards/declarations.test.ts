import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readConfigFiles } from './config-files';
import { checkDeclarations, type ConfigFile } from './declarations';
import { declarationJsonSchemas } from './json-schema';

const shipped = readConfigFiles('config');
const problemsOf = (files: ConfigFile[]) => {
  const checked = checkDeclarations(files);
  return checked.ok ? [] : checked.problems;
};
/** The shipped files with one of them replaced (or added). */
const withFile = (path: string, text: string) => [...shipped.filter((f) => f.path !== path), { path, text }];
const edit = (path: string, from: string, to: string) => {
  const text = shipped.find((f) => f.path === path)!.text;
  expect(text).toContain(from);
  return withFile(path, text.replace(from, to));
};

const LOGINS = 'config/dashboards/30-security-logins.yaml';
const SENSORS_DS = 'config/datasources/sensor_readings.yaml';

describe('the config directory', () => {
  it('holds the shipped demo: five datasources and six dashboards, in file name order', () => {
    const checked = checkDeclarations(shipped);
    expect(checked.ok && [...checked.declarations.datasources.keys()].sort()).toEqual(['alerts', 'api_requests', 'cluster_metrics', 'logins', 'sensor_readings']);
    expect(checked.ok && checked.declarations.dashboards.map((d) => d.id)).toEqual(['cluster-overview', 'topics-clients', 'security-logins', 'building-sensors', 'alerts', 'api-traffic']);
  });

  it('names the file, the path inside it and the problem', () => {
    expect(problemsOf(edit(LOGINS, '{ id: country, label: Country }', '{ id: country, label: Country }\n  - { id: region, label: Region }'))).toEqual([
      `${LOGINS}: dimensions[2].id: datasource logins has no dimension region`,
    ]);
    expect(problemsOf(edit(LOGINS, 'dimension: method, measure: failures', 'dimension: region, measure: failures'))).toEqual([`${LOGINS}: panels[5]: unknown dimension region`]);
    expect(problemsOf(edit(LOGINS, 'measure: failures, split: country, span: 4', 'measure: failure, split: country, span: 4'))).toEqual([`${LOGINS}: panels[1]: unknown measure failure`]);
    expect(problemsOf(edit(LOGINS, 'type: distinct, field: user', 'type: sum, field: user'))).toEqual([
      `${LOGINS}: measures[3].field: user is a dimension: a sum measure needs a numeric field`,
    ]);
    expect(problemsOf(edit(SENSORS_DS, 'timeField: ts\n', ''))).toEqual([`${SENSORS_DS}: timeField: Invalid input: expected string, received undefined`]);
    expect(problemsOf(edit(SENSORS_DS, '{ name: temperature_c_q, type: quantiles, field: temperature_c }', '{ name: temperature_c_q, type: quantiles, field: location }'))).toEqual([
      `${SENSORS_DS}: metrics[5].field: location is a dimension: it cannot roll up as quantiles`,
    ]);
    expect(problemsOf(edit('config/dashboards/40-building-sensors.yaml', 'type: max, field: temperature_c', 'type: max, field: temperature_f'))).toEqual([
      'config/dashboards/40-building-sensors.yaml: measures[3].field: datasource sensor_readings does not roll up temperature_f as max, so no engine can answer a max of it',
    ]);
  });

  it('refuses a tier keeping an unknown dimension, a tier twice, an hour tier of an hour rollup and tiers without rollup', () => {
    const LOGINS_DS = 'config/datasources/logins.yaml';
    const ALERTS_DS = 'config/datasources/alerts.yaml';
    expect(problemsOf(edit(LOGINS_DS, 'dimensions: [country, method, result]', 'dimensions: [country, region]'))).toEqual([`${LOGINS_DS}: tiers[1].dimensions[1]: region is not a dimension`]);
    expect(problemsOf(edit(LOGINS_DS, '{ grain: hour }', '{ grain: day }'))).toEqual([`${LOGINS_DS}: tiers[1].grain: duplicate day tier`]);
    expect(problemsOf(edit(LOGINS_DS, 'granularity: minute', 'granularity: hour'))).toEqual([`${LOGINS_DS}: tiers[0].grain: the table itself is rolled up to the hour`]);
    expect(problemsOf(edit(ALERTS_DS, 'granularity: none\n', 'granularity: none\ntiers: [{ grain: day }]\n'))).toEqual([`${ALERTS_DS}: tiers[0]: a datasource without rollup keeps raw rows and no tiers`]);
  });

  it('refuses percentile lines without a quantile measure, a heatmap of anything but a count or sum, and unordered percentiles', () => {
    const API = 'config/dashboards/60-api-traffic.yaml';
    expect(problemsOf(edit(API, 'type: percentiles, measure: latency_p95', 'type: percentiles, measure: latency_avg'))).toEqual([
      `${API}: panels[3].measure: percentile lines need a quantile measure; latency_avg is of type avg`,
    ]);
    expect(problemsOf(edit(API, 'type: heatmap, measure: requests', 'type: heatmap, measure: error_rate'))).toEqual([
      `${API}: panels[4].measure: a heatmap adds up a count or sum measure; error_rate is of type ratio`,
    ]);
    expect(problemsOf(edit(API, 'type: percentiles, measure: latency_p95', 'type: percentiles, measure: latency_p95, percentiles: [ 0.99, 0.5 ]'))).toEqual([
      `${API}: panels[3].percentiles: percentiles ascend, each once`,
    ]);
  });

  it('refuses duplicate ids, unknown kinds and files that do not parse', () => {
    const logins = shipped.find((f) => f.path === LOGINS)!.text;
    expect(problemsOf(withFile('config/dashboards/31-copy.yaml', logins))).toEqual([
      'config/dashboards/31-copy.yaml: id: duplicate dashboard security-logins (also declared in config/dashboards/30-security-logins.yaml)',
    ]);
    expect(problemsOf(withFile('config/dashboards/x.json', '{"kind": "panel"}'))).toEqual(['config/dashboards/x.json: kind: must be datasource or dashboard']);
    expect(problemsOf(withFile('config/dashboards/x.yaml', 'kind: dashboard\n  id: [oops'))[0]).toMatch(/^config\/dashboards\/x\.yaml: cannot be parsed: /);
  });

  it('ships JSON Schemas generated from the validators, referenced from every file', () => {
    for (const [kind, schema] of Object.entries(declarationJsonSchemas())) {
      expect(JSON.parse(readFileSync(`config/schema/${kind}.json`, 'utf8')), `npm run config:schema writes config/schema/${kind}.json`).toEqual(schema);
    }
    for (const f of shipped) expect(f.text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=\.\.\/schema\/(datasource|dashboard)\.json$/);
  });

  it('npm run config:check exits 0 on the shipped config and 1 naming a broken file', async () => {
    const run = (dir: string) => promisify(execFile)('npx', ['tsx', 'scripts/config-check.ts', dir]).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'pulse-config-'));
    cpSync('config', dir, { recursive: true });
    expect(await run(dir)).toMatchObject({ code: 0, out: expect.stringContaining('valid, 5 datasources and 6 dashboards') });
    writeFileSync(join(dir, 'dashboards/50-alerts.yaml'), readFileSync('config/dashboards/50-alerts.yaml', 'utf8').replace('measure: alerts, split: rule', 'measure: nope, split: rule'));
    const broken = await run(dir);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`${join(dir, 'dashboards/50-alerts.yaml')}: panels[1]: unknown measure nope`);
  }, 60_000);
});
