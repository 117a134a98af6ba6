import { describe, expect, it, vi } from 'vitest';
import { cachedEmbedDirectory } from './embed-directory';
import type { EmbedSettings } from './embed-token';

const ACME: EmbedSettings = { hsSecrets: ['x'.repeat(32)], allowedOrigins: ['https://app.acme.example'] };

function directory(ttlMs = 5_000) {
  const rows = new Map<string, EmbedSettings>([['acme', ACME]]);
  const load = vi.fn(async (tenant: string) => rows.get(tenant));
  return { rows, load, dir: cachedEmbedDirectory(load, { ttlMs, max: 3 }) };
}

describe('the cached embed directory', () => {
  it('looks a tenant up once for many requests, concurrent ones included', async () => {
    const { load, dir } = directory();
    const answers = await Promise.all(Array.from({ length: 20 }, () => dir.embedSettings('acme')));
    expect(answers.every((a) => a === ACME)).toBe(true);
    expect(await dir.embedSettings('acme')).toBe(ACME);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('remembers an unknown tenant too: a stream of requests for it costs one lookup', async () => {
    const { load, dir } = directory();
    for (let i = 0; i < 50; i++) expect(await dir.embedSettings('nobody')).toBeUndefined();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('sees a change made elsewhere after the TTL, and one made here at once (forget)', async () => {
    const { rows, dir } = directory(100);
    expect(await dir.embedSettings('acme')).toBe(ACME);
    const changed = { ...ACME, allowedOrigins: ['https://new.acme.example'] };
    rows.set('acme', changed);
    expect(await dir.embedSettings('acme')).toBe(ACME);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await dir.embedSettings('acme')).toBe(changed);
    rows.delete('acme');
    dir.forget('acme');
    expect(await dir.embedSettings('acme')).toBeUndefined();
  });

  it('stays bounded however many names are asked for', async () => {
    const { load, dir } = directory();
    for (const name of ['a', 'b', 'c', 'd', 'acme']) await dir.embedSettings(name);
    await dir.embedSettings('a'); // evicted by the bound (max 3): looked up again
    expect(load).toHaveBeenCalledTimes(6);
  });

  it('does not remember a failed lookup', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('database away')).mockResolvedValue(ACME);
    const dir = cachedEmbedDirectory(load, { ttlMs: 5_000, max: 10 });
    await expect(dir.embedSettings('acme')).rejects.toThrow('database away');
    expect(await dir.embedSettings('acme')).toBe(ACME);
  });
});
