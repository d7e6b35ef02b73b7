import path from 'node:path';
import type { Database } from '../ports/database.ts';
import { openPgliteDatabase } from './pglite.database.ts';
import { openPostgresDatabase } from './postgres.database.ts';

export interface DatabaseConfig {
  /** postgres://… selects a PostgreSQL server; unset selects PGlite. */
  databaseUrl?: string;
  /** PGlite's data directory (default ./data/pg), or 'memory://'. */
  dataDir?: string;
  schema?: string;
}

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const dataRoot = env.CITYCASE_DATA_DIR ?? './data';
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.join(dataRoot, 'pg'),
    schema: env.CITYCASE_DB_SCHEMA || undefined,
  };
}

export function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) {
    return openPostgresDatabase({ connectionString: config.databaseUrl, schema: config.schema });
  }
  return openPgliteDatabase(config.dataDir ?? './data/pg');
}
