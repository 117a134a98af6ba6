/**
 * npm run config:check [dir]: validates a config directory offline, as the app does at start
 * (exit 0 when valid, 1 with every problem otherwise). With --write-schema, (re)writes the JSON
 * Schemas the files reference (dir/schema/*.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadDeclarations } from '@/lib/dashboards/config-files';
import { declarationJsonSchemas } from '@/lib/dashboards/json-schema';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? process.env.PULSE_CONFIG_DIR ?? 'config';

if (args.includes('--write-schema')) {
  mkdirSync(join(dir, 'schema'), { recursive: true });
  for (const [kind, schema] of Object.entries(declarationJsonSchemas())) writeFileSync(join(dir, 'schema', `${kind}.json`), `${JSON.stringify(schema, null, 2)}\n`);
}

const started = performance.now();
try {
  const d = loadDeclarations(dir);
  console.log(`${dir}: valid, ${d.datasources.size} datasources and ${d.dashboards.length} dashboards (${Math.round(performance.now() - started)} ms)`);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
