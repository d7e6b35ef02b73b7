import assert from 'node:assert/strict';

export interface StreamEvent {
  event: string;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read event payloads freely
}

/**
 * An event-stream client on fetch with a streaming body reader, as a browser's EventSource would read it.
 * `next` waits for the next event (comments and retry lines are skipped) and fails rather than hangs.
 */
export async function openStream(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const queue: StreamEvent[] = [];
  let buffer = '';
  const waiting: { wake?: () => void } = {};
  const reading = (async () => {
    if (!res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
          const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
          if (event && data !== undefined) queue.push({ event, data: JSON.parse(data) });
          waiting.wake?.();
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    async body(): Promise<unknown> {
      return res.json();
    },
    async next(): Promise<StreamEvent> {
      for (let waited = 0; queue.length === 0; waited++) {
        if (waited > 100) assert.fail('no event arrived on the stream');
        await new Promise<void>((resolve) => {
          waiting.wake = resolve;
          setTimeout(resolve, 100);
        });
      }
      return queue.shift() as StreamEvent;
    },
    /** The next event of one type, skipping others (the dispatcher sees every case's events). */
    async nextOf(type: string): Promise<StreamEvent> {
      for (;;) {
        const event = await this.next();
        if (event.event === type) return event;
      }
    },
    async close(): Promise<void> {
      abort.abort();
      await reading;
    },
  };
}

export type Stream = Awaited<ReturnType<typeof openStream>>;
