import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, QueryResult, Sql, SqlParam } from '../ports/database.ts';
import { quotedChannel } from './listen-channel.ts';

function wrap(target: PGlite | Transaction): Sql {
  return {
    async query<Row>(text: string, params: readonly SqlParam[] = []): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(text, params as unknown[]);
      return { rows: result.rows, affectedRows: result.affectedRows ?? 0 };
    },
    async exec(text: string): Promise<void> {
      await target.exec(text);
    },
  };
}

/**
 * PGlite keeps PostgreSQL in this process with its data in a directory ('memory://' for throw-away
 * databases). It serialises all work on its one connection, so a transaction simply holds that connection.
 */
export async function openPgliteDatabase(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir);
  const sql = wrap(pg);
  return {
    kind: 'pglite',
    query: sql.query,
    exec: sql.exec,
    transaction: <T>(work: (tx: Sql) => Promise<T>) => pg.transaction((tx) => work(wrap(tx))),
    async listen(channel, handler) {
      const stop = await pg.listen(quotedChannel(channel), handler);
      return () => stop();
    },
    close: () => pg.close(),
  };
}
