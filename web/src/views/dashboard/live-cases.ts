import { onBeforeUnmount, onMounted } from 'vue';
import { api } from '../../api/client.ts';

const reconnectMs = 5_000;

/**
 * Calls `onChange` (at most once per `debounceMs`, after the last event of a burst) whenever a case or task in
 * the caller's scope changes, through the API's server-sent events. An EventSource cannot send the bearer
 * token, so each connection redeems a single-use ticket; its own automatic reconnect would reuse the spent
 * ticket, so a dropped stream is reopened here with a new one.
 */
export function useLiveCases(onChange: () => void, debounceMs = 1_000): void {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };

  async function connect() {
    if (stopped) return;
    try {
      const { ticket } = await api.post<{ ticket: string }>('/events/ticket');
      if (stopped) return;
      source = new EventSource(`/api/v1/events?ticket=${encodeURIComponent(ticket)}`);
      source.addEventListener('case', changed);
      source.addEventListener('task', changed);
      source.onerror = () => {
        source?.close();
        source = null;
        retry = setTimeout(() => void connect(), reconnectMs);
      };
    } catch {
      // Signed out or offline: the page's own requests report that; keep trying quietly.
      retry = setTimeout(() => void connect(), reconnectMs);
    }
  }

  onMounted(() => void connect());
  onBeforeUnmount(() => {
    stopped = true;
    clearTimeout(timer);
    clearTimeout(retry);
    source?.close();
  });
}
