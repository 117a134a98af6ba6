/**
 * vitest globalSetup: one freshly initialized (empty, unmigrated) PGlite directory per PGlite
 * version, kept in the temp directory across runs. Initializing a cluster takes 5–15 s on a busy
 * 2-core machine; copying this one takes a fraction of a second, so every test file can have a
 * database of its own. Tests still run every migration themselves.
 */
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';

export function templatePath(): string {
  const { version } = JSON.parse(readFileSync(join(process.cwd(), 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  return join(tmpdir(), `pulse-pglite-template-${version}`);
}

export default async function setup(project: TestProject): Promise<void> {
  const path = templatePath();
  if (!existsSync(path)) {
    const building = mkdtempSync(join(tmpdir(), 'pulse-pglite-building-'));
    const pg = await PGlite.create(join(building, 'db'));
    await pg.close();
    try {
      renameSync(join(building, 'db'), path);
    } catch {
      // Another run made it first: theirs is as good.
    }
    rmSync(building, { recursive: true, force: true });
  }
  project.provide('pgliteTemplate', path);
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
