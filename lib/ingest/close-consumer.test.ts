import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeConsumer } from './close-consumer';

/** A consumer whose leave-the-group close behaves as given; records whether its connections were closed. */
function fakeConsumer(close: (force: boolean, cb: (err?: Error) => void) => void) {
  const state = { connectionsClosed: false };
  const consumer = { close, connections: { close: async () => void (state.connectionsClosed = true) } };
  return { consumer: consumer as unknown as Parameters<typeof closeConsumer>[0], state };
}

describe('closeConsumer', () => {
  afterEach(() => vi.useRealTimers());

  it('leaves the group when the client can', async () => {
    const { consumer, state } = fakeConsumer((_force, cb) => cb());
    await closeConsumer(consumer, 'test');
    expect(state.connectionsClosed).toBe(false); // the client's own close closed them
  });

  it('resolves and closes the connections when leaving throws inside the client (coordinator gone from the metadata)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { consumer, state } = fakeConsumer(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'host')");
    });
    await expect(closeConsumer(consumer, 'test')).resolves.toBeUndefined();
    expect(state.connectionsClosed).toBe(true);
  });

  it('gives up on a leave that never calls back, after its deadline', async () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { consumer, state } = fakeConsumer(() => {});
    let done = false;
    const closing = closeConsumer(consumer, 'test').then(() => (done = true));
    await vi.advanceTimersByTimeAsync(9_000);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    await closing;
    expect(state.connectionsClosed).toBe(true);
  });
});
