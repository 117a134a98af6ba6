/**
 * Druid Kafka supervisor specs generated from the datasource declarations (PULSE_CONFIG_DIR).
 *   tsx scripts/druid-specs.ts --out DIR      writes DIR/<datasource>.json (stack/up.sh submits them)
 *   npm run druid:apply [-- --overlord URL]   submits them to a running Druid (default http://127.0.0.1:8081)
 *   tsx scripts/druid-specs.ts --topics       prints the declared Kafka topics, one a line (stack/up.sh creates them)
 * KAFKA_BOOTSTRAP (default 127.0.0.1:9092) is the brokers' address as Druid sees it;
 * PULSE_INGEST_MAX_FUTURE_S, when set, is Druid's early-message bound, as the app's;
 * PULSE_TIERS=on adds a supervisor per rollup tier (the app reads them with the same setting).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, configDir, loadDeclarations } from '@/lib/dashboards/config-files';
import { supervisorSpecs } from '@/lib/ingest/druid-spec';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

let datasources;
try {
  datasources = [...loadDeclarations(configDir()).datasources.values()];
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
const futureS = process.env.PULSE_INGEST_MAX_FUTURE_S;
const opts = { bootstrap: process.env.KAFKA_BOOTSTRAP || '127.0.0.1:9092', ...(futureS ? { earlyMessageRejectionPeriod: `PT${Math.trunc(Number(futureS))}S` } : {}) };
const specs = datasources.flatMap((ds) => supervisorSpecs(ds, opts, process.env.PULSE_TIERS === 'on'));

if (args.includes('--topics')) for (const ds of datasources) console.log(ds.topic);

const out = option('--out');
if (out) {
  mkdirSync(out, { recursive: true });
  for (const { id, spec } of specs) writeFileSync(join(out, `${id}.json`), `${JSON.stringify(spec, null, 2)}\n`);
  console.log(`wrote ${specs.length} supervisor specs to ${out}`);
}

if (args.includes('--apply')) {
  const overlord = option('--overlord') ?? process.env.DRUID_OVERLORD_URL ?? 'http://127.0.0.1:8081';
  let failed = false;
  for (const { id, spec } of specs) {
    try {
      const res = await fetch(`${overlord}/druid/indexer/v1/supervisor`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) });
      console.log(`${id}: ${res.status} ${res.ok ? 'submitted' : await res.text()}`);
      failed ||= !res.ok;
    } catch (err) {
      console.error(`${id}: cannot reach the overlord at ${overlord} (${(err as Error & { cause?: Error }).cause?.message ?? String(err)})`);
      failed = true;
    }
  }
  if (failed) process.exit(1);
}
