import type { LiveEvent } from './live-event.ts';

export type LiveListener = (event: LiveEvent) => void;

/** Fans live events out to the streams open in this process. */
export interface LiveHub {
  subscribe(listener: LiveListener): () => void;
  publish(event: LiveEvent): void;
}

export function createLiveHub(): LiveHub {
  const listeners = new Set<LiveListener>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // One broken stream must not keep the event from the others.
        }
      }
    },
  };
}
