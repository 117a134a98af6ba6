/** Reading a Server-Sent Events response in tests: events as they arrive, the way a browser parses them. */
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export type EventReader = {
  /** The next event (waits for it); rejects after `timeoutMs` or when the stream ends first. */
  next(timeoutMs?: number): Promise<EventSourceMessage>;
  /** Comments (heartbeats) seen so far. */
  comments: string[];
};

export function readEvents(res: Response): EventReader {
  const queue: EventSourceMessage[] = [];
  const comments: string[] = [];
  let wake = () => {};
  let ended = false;
  const parser = createParser({
    onEvent: (e) => {
      queue.push(e);
      wake();
    },
    onComment: (c) => comments.push(c),
  });
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
    } catch {
      // aborted by the test
    }
    ended = true;
    wake();
  })();
  return {
    comments,
    async next(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (queue.length === 0) {
        if (ended) throw new Error('the stream ended');
        if (Date.now() > deadline) throw new Error(`no event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 100);
        });
      }
      return queue.shift()!;
    },
  };
}
