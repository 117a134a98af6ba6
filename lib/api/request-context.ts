import 'server-only';
import { randomUUID } from 'node:crypto';
import { logger } from '@/lib/metrics/log';
import { metrics } from '@/lib/metrics/registry';

/** What a request's log line says beyond method, route, status and duration. */
export type RequestFacts = {
  tenant?: string;
  dashboard?: string;
  panel?: string;
  /** POST /api/export's file format. */
  format?: string;
  cache?: 'hit' | 'miss' | 'stale';
  engineMs?: number;
};

/** An incoming id is kept when it is a plain token (a proxy's or a client's), else one is made. */
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | null | undefined): string {
  return header && SANE_ID.test(header) ? header : randomUUID();
}

/**
 * One API request from arrival to answer: its id (returned as `x-request-id` and in error
 * bodies), the facts handlers learn on the way, and the one log line and metrics at the end.
 */
export class RequestContext {
  readonly id: string;
  private readonly started = performance.now();
  private readonly facts: RequestFacts = {};

  constructor(
    readonly route: string,
    readonly method: string,
    incomingId: string | null | undefined,
  ) {
    this.id = requestIdFrom(incomingId);
  }

  note(facts: RequestFacts): void {
    Object.assign(this.facts, facts);
  }

  finish(status: number): void {
    const seconds = (performance.now() - this.started) / 1000;
    metrics().httpRequests.inc({ route: this.route, status: String(status) });
    metrics().httpSeconds.observe({ route: this.route }, seconds);
    const line = { requestId: this.id, method: this.method, route: this.route, status, durationMs: Math.round(seconds * 10_000) / 10, ...this.facts };
    logger().info(line, 'request');
  }
}
