import { describe, expect, it } from 'vitest';
import { freshnessText } from './freshness-text';

const NOW = Date.parse('2026-11-25T12:00:00Z');

describe('panel footer words', () => {
  it('say how long ago the answer was computed, counting the age it already had', () => {
    expect(freshnessText({ meta: { cache: 'miss', ageMs: 0 }, receivedAt: NOW, now: NOW + 300, refreshError: null })).toEqual({ text: 'Updated just now', tone: 'fresh' });
    expect(freshnessText({ meta: { cache: 'hit', ageMs: 3_000 }, receivedAt: NOW, now: NOW + 1_000, refreshError: null }).text).toBe('Updated 4 s ago');
    // A stale answer for a moment is the normal hand-over to the next one.
    expect(freshnessText({ meta: { cache: 'stale', ageMs: 6_000 }, receivedAt: NOW, now: NOW, refreshError: null }).text).toBe('Updated 6 s ago');
  });

  it('say when older data is shown because the data store is not answering', () => {
    expect(freshnessText({ meta: { cache: 'stale', ageMs: 120_000 }, receivedAt: NOW, now: NOW + 2_000, refreshError: null })).toEqual({
      text: 'Showing data from 2 min ago: the data store is not answering',
      tone: 'old',
    });
    const failed = { code: 'engine_unavailable', message: 'The data engine is unavailable right now.' };
    expect(freshnessText({ meta: { cache: 'miss', ageMs: 0 }, receivedAt: NOW, now: NOW + 95_000, refreshError: failed }).text).toBe(
      'Showing data from 1 min ago: the data store is not answering',
    );
    expect(freshnessText({ meta: { cache: 'miss', ageMs: 0 }, receivedAt: NOW, now: NOW + 5_000, refreshError: { code: 'rate_limited', message: 'Too many requests.' } }).text).toBe(
      'Showing data from 5 s ago: refreshing failed (Too many requests.)',
    );
  });

  it('never speak of caches or query times', () => {
    for (const cache of ['hit', 'miss', 'stale'] as const) {
      const { text } = freshnessText({ meta: { cache, ageMs: 40_000 }, receivedAt: NOW, now: NOW, refreshError: null });
      expect(text).not.toMatch(/cache|ms\b|miss|hit/);
    }
  });

});
