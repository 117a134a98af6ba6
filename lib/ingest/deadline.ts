/** Thrown when a Kafka call gave no result in time (the client library has waits without one). */
export class DeadlineError extends Error {}

/** Resolves or rejects as `work` does, or rejects with a DeadlineError after `ms`. */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what}: no result after ${(ms / 1000).toFixed(1)} s`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long a Kafka client gets to close before it is left behind. */
export const CLOSE_MS = 10_000;

/** Runs `close` within CLOSE_MS and never rejects, whatever it throws (at once or later): for a client being dropped. */
export async function closeQuietly(close: () => unknown, what: string): Promise<void> {
  await withDeadline(Promise.resolve().then(close), CLOSE_MS, what).catch(() => {});
}
