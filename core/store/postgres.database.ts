import pg from 'pg';
import type { Database, QueryResult, Sql, SqlParam } from '../ports/database.ts';
import { createPostgresListener } from './postgres-listener.ts';

// int8 as a JS number, as PGlite returns it: counts and ids stay far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function wrap(target: pg.Pool | pg.PoolClient): Sql {
  return {
    async query<Row>(text: string, params: readonly SqlParam[] = []): Promise<QueryResult<Row>> {
      const result = await target.query(text, params as unknown[]);
      return { rows: result.rows as Row[], affectedRows: result.rowCount ?? 0 };
    },
    async exec(text: string): Promise<void> {
      await target.query(text);
    },
  };
}

export interface PostgresOptions {
  connectionString: string;
  /** A schema to use instead of public (tests give each file its own). */
  schema?: string;
  maxConnections?: number;
}

export async function openPostgresDatabase(options: PostgresOptions): Promise<Database> {
  const connection = {
    connectionString: options.connectionString,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  };
  const pool = new pg.Pool({ ...connection, max: options.maxConnections ?? 10, types });
  const listener = createPostgresListener(connection);
  // A broken idle connection must not crash the process; the next query gets a fresh one.
  pool.on('error', () => undefined);
  if (options.schema) {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema.replaceAll('"', '')}"`);
  }
  const sql = wrap(pool);
  return {
    kind: 'postgres',
    query: sql.query,
    exec: sql.exec,
    async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    listen: listener.listen,
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}
