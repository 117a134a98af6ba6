import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileIfExists, writeFileAtomic } from './atomic-file';

let dir = '';
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces the content whole, owner-only, leaving no temporary file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pulse-atomic-'));
    const path = join(dir, 'state.json');
    await writeFile(path, 'old');
    await writeFileAtomic(path, 'new content');
    expect(await readFile(path, 'utf8')).toBe('new content');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('reads nothing for a missing file and fails for a missing directory', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pulse-atomic-'));
    expect(await readFileIfExists(join(dir, 'none.json'))).toBeUndefined();
    await expect(writeFileAtomic(join(dir, 'no-such-dir', 'x.json'), '{}')).rejects.toThrow();
  });
});
