/**
 * The browser's end of GET /api/stream: reads the events, reconnects with Last-Event-ID when the
 * connection ends, and says when to fall back to polling: the stream refused (429: the tenant's
 * quota is full), blocked (a proxy that does not pass event streams), or failing twice in a row.
 * fetch rather than EventSource: an embedded dashboard authenticates with a header.
 */
import { createParser } from 'eventsource-parser';
import type { PanelUpdate } from '@/lib/contract/stream';
import { openEventStream } from './api';

export type StreamHandlers = {
  onUpdates: (updates: PanelUpdate[]) => void;
  /** live: the last connection delivered and is open; polling: the panels should ask for themselves. */
  onState: (state: 'live' | 'polling') => void;
};

type Open = typeof openEventStream;

/** Waits between attempts: the server's `retry`, doubled per failure in a row, at most a minute. */
export function retryDelay(retryMs: number, failures: number): number {
  return Math.min(60_000, retryMs * 2 ** Math.max(0, failures - 1));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}

/** Follows the stream at `path` until `signal` aborts. */
export async function followStream(path: string, h: StreamHandlers, signal: AbortSignal, open: Open = openEventStream): Promise<void> {
  let lastEventId: string | undefined;
  let retryMs = 2_000;
  let failures = 0;
  while (!signal.aborted) {
    try {
      const res = await open(path, { lastEventId, signal });
      if (!res.ok || !(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
        void res.body?.cancel();
        // A client error other than the quota will not change by asking again: the panels' own requests show it.
        if (res.status >= 400 && res.status < 500 && res.status !== 429) return h.onState('polling');
        // Refused or blocked: poll, and try the stream again in a minute.
        failures = Math.max(failures, 5);
        throw new Error(`stream refused (${res.status})`);
      }
      failures = 0;
      h.onState('live');
      const parser = createParser({
        onEvent: (e) => {
          if (e.event !== 'update') return;
          try {
            h.onUpdates((JSON.parse(e.data) as { updates: PanelUpdate[] }).updates);
          } catch (err) {
            // The answers here no longer match the stream's: start again from every answer.
            lastEventId = undefined;
            throw err;
          }
          lastEventId = e.id;
        },
        onRetry: (ms) => (retryMs = ms),
      });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) parser.feed(r.value);
    } catch {
      if (signal.aborted) return;
      if (++failures >= 2) h.onState('polling');
    }
    // The server ended a healthy stream (its lifetime): reconnect at once after `retry`, resuming.
    await sleep(retryDelay(retryMs, failures), signal);
  }
}
