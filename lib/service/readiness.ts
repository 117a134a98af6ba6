import { listDatasources } from '@/lib/dashboards/registry';
import { AppError } from '@/lib/errors/app-error';
import type { Answering } from './service';

export type ReadyAnswer = {
  status: 'ready';
  engine: 'embedded' | 'druid';
  /** When the engine last answered the check (it is reused for `ttlMs`). */
  checkedAt: string;
  datasources: Record<string, { dataUntil: string | null; lagSeconds: number | null }>;
};

/**
 * Readiness: the engine answers, and how fresh each datasource is. The check runs at most once
 * per `ttlMs` however many probes arrive (a failure is kept as long), so probing costs no engine work.
 */
export class Readiness {
  private last: { at: number; answer: Promise<ReadyAnswer> } | undefined;
  private draining = false;

  constructor(
    private readonly rt: Pick<Answering, 'engine' | 'freshness'>,
    private readonly opts: { ttlMs: number; now: () => number },
  ) {}

  /** From now on this instance is not ready: it is shutting down, so a load balancer sends its requests elsewhere. */
  drain(): void {
    this.draining = true;
  }

  check(): Promise<ReadyAnswer> {
    if (this.draining) return Promise.reject(new AppError('engine_unavailable', 'This instance is shutting down; another one answers.'));
    const now = this.opts.now();
    if (!this.last || now - this.last.at >= this.opts.ttlMs || now < this.last.at) this.last = { at: now, answer: this.run(now) };
    return this.last.answer;
  }

  private async run(now: number): Promise<ReadyAnswer> {
    try {
      const datasources = Object.fromEntries(
        await Promise.all(
          listDatasources().map(async ({ id: ds }) => {
            const until = await this.rt.freshness.latest(ds);
            return [ds, { dataUntil: until === null ? null : new Date(until).toISOString(), lagSeconds: until === null ? null : Math.max(0, (now - until) / 1000) }];
          }),
        ),
      );
      return { status: 'ready', engine: this.rt.engine.name, checkedAt: new Date(now).toISOString(), datasources };
    } catch {
      throw new AppError('engine_unavailable', `The ${this.rt.engine.name} engine does not answer.`);
    }
  }
}
