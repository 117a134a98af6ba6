/**
 * Runs flushes one after another, whoever asks (the timer, or a full buffer). A failed flush
 * goes to `onFailure` and never leaves a rejected promise behind: in Node.js an unhandled
 * rejection ends the process.
 */
export class SerialFlusher {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly flush: () => Promise<void>,
    private readonly onFailure: (err: unknown) => void,
  ) {}

  /** Queues a flush after those already queued; resolves (never rejects) once it has run. */
  run(): Promise<void> {
    this.chain = this.chain.then(this.flush).catch((err: unknown) => this.onFailure(err));
    return this.chain;
  }

  /** Resolves when every queued flush has run. */
  settled(): Promise<void> {
    return this.chain;
  }
}
