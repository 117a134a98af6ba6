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
