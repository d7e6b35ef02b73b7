/**
 * The database port. Everything above core/store speaks plain PostgreSQL SQL through this interface; which
 * engine runs it (PGlite in-process, or a PostgreSQL server through a pool) is the adapter's business.
 */
export type SqlParam = string | number | boolean | null | Date | bigint | readonly unknown[] | Record<string, unknown>;

export interface QueryResult<Row> {
  rows: Row[];
  /** Rows changed by INSERT/UPDATE/DELETE, when the engine reports it. */
  affectedRows: number;
}

export interface Sql {
  /** One parameterised statement ($1, $2, ...). */
  query<Row = Record<string, unknown>>(text: string, params?: readonly SqlParam[]): Promise<QueryResult<Row>>;
  /** Several statements without parameters (migrations, fixtures). */
  exec(text: string): Promise<void>;
}

export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. Nested calls on
   * the transaction object are not supported; pass the `Sql` you were given down instead.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Calls `handler` with the payload of every notification on `channel` (PostgreSQL LISTEN). Senders use
   * `notify`: the notification arrives once the sending transaction commits, from this process or any other on
   * the same server. Resolves once listening; the returned function stops. `onListening(false)` says the
   * listening connection was lost, so notifications from then on may be missed; `onListening(true)` that it
   * listens again. A listener that keeps state on the strength of notifications must drop it on either.
   */
  listen(channel: string, handler: (payload: string) => void, onListening?: (listening: boolean) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** PostgreSQL NOTIFY: delivered to `listen`ers when `sql`'s transaction commits (at once outside one). */
export async function notify(sql: Sql, channel: string, payload: string): Promise<void> {
  await sql.query('SELECT pg_notify($1, $2)', [channel, payload]);
}

/** jsonb parameters are passed as JSON text: both engines accept that, and arrays are not mistaken for SQL arrays. */
export function json(value: unknown): string {
  return JSON.stringify(value);
}

/** Text for a LIKE pattern with its wildcards (`%`, `_`) and the escape character taken literally. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
