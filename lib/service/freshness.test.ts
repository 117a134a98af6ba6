import { describe, expect, it } from 'vitest';
import { Freshness } from './freshness';

const window: { start: number; end: number }[] = [];
function engine(answer: () => Promise<Map<string, number>>) {
  return {
    dataUntilByTenant: (_ds: string, w: { start: number; end: number }) => {
      window.push(w);
      return answer();
    },
  };
}
const opts = (clock: { now: number }) => ({ reuseMs: 1_000, lookbackMs: 60_000, maxFutureMs: 5_000, now: () => clock.now });

describe('Freshness', () => {
  it("anchors each tenant to its own data, never to another tenant's newest event", async () => {
    const clock = { now: 100_000 };
    const f = new Freshness(engine(async () => new Map([['acme', 90_000], ['globex', 104_000]])), opts(clock));
    expect(await f.until('logins', 'acme')).toBe(90_000);
    expect(await f.until('logins', 'globex')).toBe(104_000);
    // A tenant with no recent data is anchored to the clock.
    expect(await f.until('logins', 'initech')).toBe(100_000);
  });

  it('asks the engine only inside the lookback and up to the allowed skew ahead of the clock', async () => {
    window.length = 0;
    const clock = { now: 100_000 };
    await new Freshness(engine(async () => new Map()), opts(clock)).until('logins', 'acme');
    expect(window).toEqual([{ start: 40_000, end: 105_000 }]);
  });

  it('asks the engine once per datasource a second, for every tenant', async () => {
    let asked = 0;
    const clock = { now: 100_000 };
    const f = new Freshness(engine(async () => (asked++, new Map([['acme', 90_000 + asked]]))), opts(clock));
    await Promise.all([f.until('logins', 'acme'), f.until('logins', 'globex'), f.until('logins', 'acme')]);
    expect(asked).toBe(1);
    clock.now += 1_000;
    expect(await f.until('logins', 'acme')).toBe(90_002);
  });

  it('keeps the last answer while the engine fails, and fails when it never had one', async () => {
    const clock = { now: 100_000 };
    let down = false;
    const f = new Freshness(engine(async () => (down ? Promise.reject(new Error('down')) : new Map([['acme', 95_000]]))), opts(clock));
    expect(await f.until('logins', 'acme')).toBe(95_000);
    down = true;
    clock.now += 5_000;
    expect(await f.until('logins', 'acme')).toBe(95_000);
    await expect(f.until('alerts', 'acme')).rejects.toThrow('down');
  });
});
