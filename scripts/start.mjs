// `npm start`: build once when the sources are newer than the last build, then serve.
// Keeps the promise "npm install && npm start" without a separate build step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['app', 'components', 'lib', 'public', 'instrumentation.ts', 'proxy.ts', 'next.config.js', 'package.json', 'tsconfig.json'];
const BUILD_ID = '.next/BUILD_ID';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), st.mtimeMs);
}

const builtAt = existsSync(BUILD_ID) ? statSync(BUILD_ID).mtimeMs : 0;
if (SOURCES.some((s) => newestMtime(s) > builtAt)) {
  console.log('[pulseboard] building the app (first start or changed sources)…');
  const build = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

process.env.NODE_ENV = 'production';
const { serve } = await import('./serve.mjs');
await serve({ port: process.env.PORT ?? '3000' });
