import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../../core/ports/database.ts';
import { openDatabase } from '../../core/store/open-database.ts';
import { migrate } from '../../core/store/migrate.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { loadStandardsCatalog } from '../../standards/catalog.ts';
import { progress } from '../figures.ts';
import { addDepartments, seedCases } from './seed-cases.ts';
import type { DatabaseKind } from '../bench-database.ts';

/** Where the platform's data lives: a schema of its own on the server, or a temporary PGlite directory. */
export interface Target {
  kind: DatabaseKind;
  env: Record<string, string>;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

export async function target(kind: DatabaseKind, serverUrl: string | undefined, reuseSchema?: string, keep = false): Promise<Target> {
  const dataRoot = await mkdtemp(path.join(tmpdir(), 'citycase-bench-'));
  if (kind === 'pglite') {
    const dataDir = path.join(dataRoot, 'pg');
    return {
      kind,
      env: { CITYCASE_DATA_DIR: dataRoot, DATABASE_URL: '' },
      open: () => openDatabase({ dataDir }),
      dispose: () => rm(dataRoot, { recursive: true, force: true }),
    };
  }
  const schema = reuseSchema ?? `bench_${randomBytes(6).toString('hex')}`;
  return {
    kind,
    env: { CITYCASE_DATA_DIR: dataRoot, DATABASE_URL: serverUrl!, CITYCASE_DB_SCHEMA: schema },
    open: () => openDatabase({ databaseUrl: serverUrl, schema }),
    async dispose() {
      if (keep && !reuseSchema) progress(`kept schema ${schema}: --reuse-schema ${schema}`);
      if (!reuseSchema && !keep) {
        const admin = await openDatabase({ databaseUrl: serverUrl });
        await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.close();
      }
      await rm(dataRoot, { recursive: true, force: true });
    },
  };
}

/** The demo city with 200 departments and `cases` bulk-inserted cases (see seed-cases.ts). */
export async function seedCity(db: Database, cases: number, password: string, departments = 200): Promise<void> {
  await migrate(db);
  await seedDemo(db, { password });
  await addDepartments(db, departments);
  const started = Date.now();
  await seedCases(db, loadStandardsCatalog(), cases);
  progress(`seeded ${cases} cases in ${Math.round((Date.now() - started) / 1000)} s`);
  // Freshly bulk-loaded tables have no visibility map, so every index-only scan visits the heap (the inbox ran at a
  // sixth of its speed): a city's database is vacuumed by autovacuum long before anyone measures it.
  const vacuumed = Date.now();
  await db.exec('VACUUM (ANALYZE) "case", case_event, case_event_digest, user_task, user_task_offer');
  progress(`vacuumed and analysed in ${Math.round((Date.now() - vacuumed) / 1000)} s`);
}
