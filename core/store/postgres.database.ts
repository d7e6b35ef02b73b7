import pg from 'pg';
import type { Database, QueryResult, Sql, SqlParam } from '../ports/database.ts';
import { createPostgresListener } from './postgres-listener.ts';
import { StatementNames } from './statement-names.ts';

// int8 as a JS number, as PGlite returns it: counts and ids stay far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function wrap(target: pg.Pool | pg.PoolClient, names: StatementNames, work: WorkInFlight): Sql {
  return {
    async query<Row>(text: string, params: readonly SqlParam[] = []): Promise<QueryResult<Row>> {
      const result = await work.track(target.query({ name: names.nameFor(text), text, values: params as unknown[] }));
      return { rows: result.rows as Row[], affectedRows: result.rowCount ?? 0 };
    },
    async exec(text: string): Promise<void> {
      await target.query(text);
    },
  };
}

/**
 * Queries and transactions still running. Closing waits until none has run for a moment (a request handler's next
 * query follows its last within microseconds), so a handler whose client went away at shutdown finishes instead of
 * meeting a closed pool; a bounded wait, as a stuck query must not hold the process.
 */
class WorkInFlight {
  private active = 0;
  private lastDone = 0;

  track<T>(promise: Promise<T>): Promise<T> {
    this.active++;
    return promise.finally(() => {
      this.active--;
      this.lastDone = Date.now();
    });
  }

  async quiet(quietMs = 100, limitMs = 5_000): Promise<void> {
    const until = Date.now() + limitMs;
    while (Date.now() < until && (this.active > 0 || Date.now() - this.lastDone < quietMs)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
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
  const names = new StatementNames();
  const work = new WorkInFlight();
  const sql = wrap(pool, names, work);
  return {
    kind: 'postgres',
    query: sql.query,
    exec: sql.exec,
    transaction<T>(steps: (tx: Sql) => Promise<T>): Promise<T> {
      return work.track(
        (async () => {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            const result = await steps(wrap(client, names, work));
            await client.query('COMMIT');
            return result;
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
          } finally {
            client.release();
          }
        })(),
      );
    },
    listen: listener.listen,
    async close() {
      await listener.close();
      await work.quiet();
      await pool.end();
    },
  };
}
