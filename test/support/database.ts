import { randomBytes } from 'node:crypto';
import type { Database } from '../../core/ports/database.ts';
import { openDatabase } from '../../core/store/open-database.ts';
import { migrate } from '../../core/store/migrate.ts';

export interface TestDatabase {
  db: Database;
  /** How to open the same database again (a restart in a test). */
  reopen(): Promise<Database>;
  /** Closes every handle and drops what the test created. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a PGlite data directory of its own, or, when DATABASE_URL is
 * set, a schema of its own on that server (dropped afterwards).
 */
export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL || undefined;
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const schema = url ? `test_${randomBytes(6).toString('hex')}` : undefined;
  const dataDir = url ? undefined : await mkdtemp(path.join(tmpdir(), 'citycase-test-'));
  const handles: Database[] = [];
  const open = async () => {
    const db = await openDatabase({ databaseUrl: url, dataDir, schema });
    handles.push(db);
    return db;
  };
  const db = await open();
  if (options.migrate !== false) await migrate(db);
  return {
    db,
    reopen: open,
    async dispose() {
      for (const handle of handles) await handle.close().catch(() => undefined);
      if (url && schema) {
        const admin = await openDatabase({ databaseUrl: url });
        await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.close();
      }
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
