import { describe, expect, it } from 'vitest';
import { turns } from './turns';

/** A schedule the test steps by hand: each call of `tick` runs one scheduled turn. */
function manual() {
  const pending: (() => void)[] = [];
  return { schedule: (next: () => void) => void pending.push(next), tick: () => pending.shift()?.(), pending };
}

describe('turns', () => {
  it('runs queued work one piece per turn, in order, never in the caller’s task', () => {
    const clock = manual();
    const t = turns(clock.schedule);
    const ran: string[] = [];
    t.take(() => ran.push('a'));
    t.take(() => ran.push('b'));
    t.take(() => ran.push('c'));
    expect(ran).toEqual([]);
    clock.tick();
    expect(ran).toEqual(['a']);
    clock.tick();
    expect(ran).toEqual(['a', 'b']);
    clock.tick();
    clock.tick();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(clock.pending).toHaveLength(0);
  });

  it('drops work taken back before its turn, and starts again for work queued after it went idle', () => {
    const clock = manual();
    const t = turns(clock.schedule);
    const ran: string[] = [];
    const cancel = t.take(() => ran.push('gone'));
    t.take(() => ran.push('kept'));
    cancel();
    clock.tick();
    clock.tick();
    expect(ran).toEqual(['kept']);
    expect(clock.pending).toHaveLength(0);
    t.take(() => ran.push('later'));
    expect(clock.pending).toHaveLength(1);
    clock.tick();
    expect(ran).toEqual(['kept', 'later']);
  });
});
