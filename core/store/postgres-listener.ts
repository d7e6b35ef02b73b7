import pg from 'pg';
import { quotedChannel } from './listen-channel.ts';

type Handler = (payload: string) => void;

export interface PostgresListener {
  listen(channel: string, handler: Handler, onListening?: (listening: boolean) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const reconnectDelayMs = 1000;

/**
 * LISTEN needs a connection that stays open, so it gets one of its own outside the pool, opened on the first
 * listen. After a lost connection it reconnects and listens again; notifications sent while it was down are
 * gone, so listeners must treat them as hints (refetch), not as the record.
 */
export function createPostgresListener(config: pg.ClientConfig): PostgresListener {
  const handlers = new Map<string, Set<Handler>>();
  const watchers = new Set<(listening: boolean) => void>();
  let connecting: Promise<pg.Client> | null = null;
  let client: pg.Client | null = null;
  let closed = false;
  let opened = false;

  const reconnectLater = () => {
    if (closed) return;
    setTimeout(() => void connect().catch(reconnectLater), reconnectDelayMs).unref();
  };

  const open = async (): Promise<pg.Client> => {
    const fresh = new pg.Client(config);
    fresh.on('notification', (message) => {
      for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    fresh.on('error', () => {
      if (client !== fresh) return;
      client = null;
      connecting = null;
      void fresh.end().catch(() => undefined);
      for (const watcher of watchers) watcher(false);
      reconnectLater();
    });
    await fresh.connect();
    if (closed) {
      await fresh.end();
      throw new Error('the database is closed');
    }
    for (const channel of handlers.keys()) await fresh.query(`LISTEN ${quotedChannel(channel)}`);
    const reconnected = opened;
    client = fresh;
    opened = true;
    if (reconnected) for (const watcher of watchers) watcher(true);
    return fresh;
  };

  const connect = (): Promise<pg.Client> => {
    connecting ??= open().catch((error: unknown) => {
      connecting = null;
      throw error;
    });
    return connecting;
  };

  return {
    async listen(channel, handler, onListening) {
      const quoted = quotedChannel(channel);
      if (onListening) watchers.add(onListening);
      const known = handlers.get(channel);
      handlers.set(channel, (known ?? new Set()).add(handler));
      const connection = await connect();
      if (!known) await connection.query(`LISTEN ${quoted}`);
      return async () => {
        if (onListening) watchers.delete(onListening);
        const remaining = handlers.get(channel);
        remaining?.delete(handler);
        if (remaining?.size !== 0) return;
        handlers.delete(channel);
        await client?.query(`UNLISTEN ${quoted}`).catch(() => undefined);
      };
    },
    async close() {
      closed = true;
      const current = client ?? (await connecting?.catch(() => null));
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
