import { afterEach, describe, expect, it } from 'vitest';
import { SerialFlusher } from './serial-flusher';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  unhandled.length = 0;
});

describe('SerialFlusher', () => {
  it('reports a flush that fails at the buffer limit instead of leaving an unhandled rejection', async () => {
    process.on('unhandledRejection', onUnhandled);
    const failures: unknown[] = [];
    const flusher = new SerialFlusher(async () => {
      throw new Error('disk full');
    }, (err) => failures.push(err));
    let resumed = false;
    // What the consumer does when its buffer is full: pause, flush, resume.
    void flusher.run().finally(() => (resumed = true));
    await flusher.settled();
    await new Promise((r) => setTimeout(r, 20));
    expect(failures).toHaveLength(1);
    expect(resumed).toBe(true);
    expect(unhandled).toEqual([]);
  });

  it('runs flushes one at a time, in order, and keeps going after a failure', async () => {
    const log: string[] = [];
    let n = 0;
    const flusher = new SerialFlusher(async () => {
      const i = n++;
      log.push(`start ${i}`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`end ${i}`);
      if (i === 0) throw new Error('first fails');
    }, () => log.push('failed'));
    void flusher.run();
    void flusher.run();
    await flusher.settled();
    expect(log).toEqual(['start 0', 'end 0', 'failed', 'start 1', 'end 1']);
  });
});
