import type { Response } from 'express';

export interface SseStream {
  /** One event; `data` is sent as JSON on one line. */
  send(event: string, data: unknown): void;
  /** Ends the stream from the server's side. */
  end(): void;
  /** Runs once when the stream ends, from either side. */
  onClose(listener: () => void): void;
}

export interface SseOptions {
  /** A comment line this often keeps proxies and browsers from timing the connection out. */
  heartbeatMs?: number;
  /** Runs with each heartbeat (to re-check that the caller may still listen). */
  onHeartbeat?: () => void;
}

/** Turns the response into a text/event-stream (server-sent events). */
export function openSseStream(res: Response, options: SseOptions = {}): SseStream {
  res.status(200).set({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // nginx would otherwise buffer the stream and deliver events late
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  // EventSource reconnects after this many milliseconds when the connection drops.
  res.write('retry: 5000\n\n');

  const closeListeners: (() => void)[] = [];
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    for (const listener of closeListeners) listener();
  };
  const heartbeat = setInterval(() => {
    res.write(': heartbeat\n\n');
    options.onHeartbeat?.();
  }, options.heartbeatMs ?? 25_000);
  // The response's close is the connection's: a GET request's own close comes as soon as it has been read.
  res.on('close', close);

  return {
    send(event, data) {
      if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      close();
      res.end();
    },
    onClose(listener) {
      if (closed) listener();
      else closeListeners.push(listener);
    },
  };
}
