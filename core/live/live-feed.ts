import { notify, type Database, type Sql } from '../ports/database.ts';
import type { WorkflowEngine } from '../ports/engine.ts';
import { liveEventsOf, type LiveEvent } from './live-event.ts';
import { createLiveHub, type LiveHub } from './live-hub.ts';

export interface LiveFeed {
  /** Where this process's streams subscribe. */
  hub: LiveHub;
  /** Sends events to the hub of every process on this database once `sql`'s transaction commits. */
  publish(sql: Sql, events: LiveEvent[]): Promise<void>;
  /** Stops listening, after the engine's last events are sent. */
  stop(): Promise<void>;
}

// PostgreSQL refuses a NOTIFY payload of 8000 bytes or more.
const maxPayloadBytes = 7999;

/**
 * As few NOTIFY payloads as fit the limit, events in order. Events are hints (see LiveEvent): one too large to
 * send on its own is left out rather than failing the transaction it was published in.
 */
function payloads(events: LiveEvent[]): string[] {
  const batches: string[][] = [];
  let current: string[] = [];
  let size = 2;
  for (const text of events.map((event) => JSON.stringify(event))) {
    const bytes = Buffer.byteLength(text) + 1;
    if (bytes + 2 > maxPayloadBytes) continue;
    if (size + bytes > maxPayloadBytes) {
      batches.push(current);
      current = [];
      size = 2;
    }
    current.push(text);
    size += bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches.map((batch) => `[${batch.join(',')}]`);
}

/**
 * Channels are per database, not per schema: the schema in the name keeps two installations (or two test files)
 * on one server from hearing each other.
 */
async function liveChannel(sql: Sql): Promise<string> {
  const { rows } = await sql.query<{ schema: string }>('SELECT current_schema() AS schema');
  const schema = (rows[0]?.schema ?? 'public').toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return `citycase_live_${schema}`.slice(0, 63);
}

/**
 * Live events travel through PostgreSQL LISTEN/NOTIFY, on PGlite as on a server, so a stream served by one
 * process hears about a task another process's engine created, and an event written in a transaction is heard
 * only if that transaction commits. A process without an engine (one that only delivers notices) passes none.
 */
export async function startLiveFeed(deps: { db: Database; engine?: WorkflowEngine }): Promise<LiveFeed> {
  const { db, engine } = deps;
  const hub = createLiveHub();
  const channel = await liveChannel(db);
  const publish = async (sql: Sql, events: LiveEvent[]) => {
    for (const payload of payloads(events)) await notify(sql, channel, payload);
  };
  const unlisten = await db.listen(channel, (payload) => {
    for (const event of JSON.parse(payload) as LiveEvent[]) hub.publish(event);
  });
  // One at a time, so clients hear a case's steps in the order the engine took them.
  let sending: Promise<void> = Promise.resolve();
  const stopEngineEvents = engine?.on((event) => {
    const events = liveEventsOf(event);
    sending = sending.then(() => publish(db, events)).catch(() => undefined);
  });
  return {
    hub,
    publish,
    async stop() {
      stopEngineEvents?.();
      await sending;
      await unlisten();
    },
  };
}
