/** Reading the config directory; no secrets here, so scripts and browser tests may use it too. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkDeclarations, type ConfigFile, type Declarations } from './declarations';

/** Declarations live in these folders of the config directory (its other files are not ours). */
export const DECLARATION_FOLDERS = ['datasources', 'dashboards'] as const;
const DECLARATION_FILE = /\.(ya?ml|json)$/;

export function configDir(): string {
  return process.env.PULSE_CONFIG_DIR || 'config';
}

function declarationPaths(dir: string): string[] {
  return DECLARATION_FOLDERS.flatMap((folder) => {
    const path = join(dir, folder);
    let names: string[];
    try {
      names = readdirSync(path);
    } catch {
      return [];
    }
    return names.filter((n) => DECLARATION_FILE.test(n)).map((n) => join(path, n));
  }).sort();
}

export function readConfigFiles(dir: string): ConfigFile[] {
  return declarationPaths(dir).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

/** Cheap fingerprint of the files (names, sizes, mtimes): polled to notice edits. */
export function configStamp(dir: string): string {
  return declarationPaths(dir)
    .map((path) => {
      try {
        const s = statSync(path);
        return `${path}:${s.size}:${s.mtimeMs}`;
      } catch {
        return `${path}:gone`;
      }
    })
    .join('\n');
}

export class ConfigError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: string[],
  ) {
    super(`Invalid config in ${dir}:\n  ${problems.join('\n  ')}`);
  }
}

/** Reads and checks a config directory; throws ConfigError naming every problem. */
export function loadDeclarations(dir: string): Declarations {
  const checked = checkDeclarations(readConfigFiles(dir));
  if (!checked.ok) throw new ConfigError(dir, checked.problems);
  return checked.declarations;
}
