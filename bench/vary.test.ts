import { describe, expect, it } from 'vitest';
import { spelling, spellings } from './vary';

const request = { dashboard: 'cluster-overview', panel: 'top_topics', view: { range: { last: 'P1D' }, tz: 'UTC', note: 'a "quoted", {odd}: value' } };

describe('request spellings', () => {
  it('all parse to the same value and keep one length', () => {
    const lengths = new Set<number>();
    for (let n = 0; n < 500; n++) {
      const text = spelling(request, n * 7919);
      expect(JSON.parse(text)).toEqual(request);
      lengths.add(text.length);
    }
    expect(lengths.size).toBe(1);
  });

  it('differ in bytes for every n below the number of spellings', () => {
    const texts = new Set(Array.from({ length: 5000 }, (_, n) => spelling(request, n)));
    expect(texts.size).toBe(5000);
    expect(spellings(request)).toBe(4 ** 14);
  });

  it('leave punctuation inside strings alone', () => {
    expect(spelling({ a: 'x,y:{z}' }, 0)).toBe('{ "a": "x,y:{z}"}');
  });
});
