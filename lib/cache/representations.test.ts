import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { etagMatches, pickEncoding, Representation, RepresentationCache } from './representations';

describe('pickEncoding', () => {
  it('prefers br, then gzip, honours q=0 and leaves small bodies alone', () => {
    expect(pickEncoding('gzip, deflate, br, zstd', 5000)).toBe('br');
    expect(pickEncoding('gzip', 5000)).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.8', 5000)).toBe('gzip');
    expect(pickEncoding('*', 5000)).toBe('gzip');
    expect(pickEncoding('identity', 5000)).toBe('identity');
    expect(pickEncoding(undefined, 5000)).toBe('identity');
    expect(pickEncoding('gzip, br', 100)).toBe('identity');
  });
});

describe('etagMatches', () => {
  it('compares weakly, in lists and with *', () => {
    expect(etagMatches('W/"a"', 'W/"a"')).toBe(true);
    expect(etagMatches('"a"', 'W/"a"')).toBe(true);
    expect(etagMatches('"b", W/"a"', 'W/"a"')).toBe(true);
    expect(etagMatches('*', 'W/"a"')).toBe(true);
    expect(etagMatches('W/"b"', 'W/"a"')).toBe(false);
    expect(etagMatches(undefined, 'W/"a"')).toBe(false);
  });
});

const basis = { datasource: 'logins', dataUntil: 0 };

describe('Representation', () => {
  it('tags by version and compresses once per encoding', () => {
    const bytes = Buffer.from(JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => [i, 'x']) }));
    const a = new Representation(bytes, 'key@1', basis);
    expect(a.etag).toBe(new Representation(bytes, 'key@1', basis).etag);
    expect(a.etag).not.toBe(new Representation(bytes, 'key@2', basis).etag);
    const gz = a.body('gzip');
    expect(a.body('gzip')).toBe(gz);
    expect(gunzipSync(gz).equals(bytes)).toBe(true);
    expect(a.body('identity')).toBe(bytes);
  });
});

describe('RepresentationCache', () => {
  it('forgets an entry when its time is up, and never keeps one for no time', () => {
    let now = 1000;
    const cache = new RepresentationCache(1 << 20, () => now);
    const rep = new Representation(Buffer.from('{}'), 'k@1', basis);
    cache.set('a', rep, 500);
    cache.set('b', rep, 0);
    expect(cache.get('a')).toBe(rep);
    expect(cache.get('b')).toBeUndefined();
    now = 1500;
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('RepresentationCache.shared', () => {
  it('makes one representation per key while it is held, and an alias never outlives it', () => {
    let now = 1000;
    const cache = new RepresentationCache(1 << 20, () => now);
    let made = 0;
    const make = () => new Representation(Buffer.from(`{"n":${++made}}`), `k@${made}`, basis);
    const first = cache.shared('v', 'body-1', 1000, make);
    now = 1900;
    // Another spelling of the same request, 900 ms later: the same bytes, held only until 2000.
    expect(cache.shared('v', 'body-2', 1000, make)).toBe(first);
    expect(made).toBe(1);
    expect(cache.get('body-2')).toBe(first);
    now = 2000;
    expect(cache.get('body-1')).toBeUndefined();
    expect(cache.get('body-2')).toBeUndefined();
    const second = cache.shared('v', 'body-3', 1000, make);
    expect(second).not.toBe(first);
    expect(made).toBe(2);
  });

  it('holds nothing for no time', () => {
    const cache = new RepresentationCache(1 << 20, () => 0);
    const rep = cache.shared('v', 'body', 0, () => new Representation(Buffer.from('{}'), 'k@1', basis));
    expect(cache.get('v')).toBeUndefined();
    expect(cache.get('body')).toBeUndefined();
    expect(rep.identity.toString()).toBe('{}');
  });
});
