import { readFileSync } from 'node:fs';
import type { Database } from '../core/ports/database.ts';
import { databaseConfigFromEnv, openDatabase } from '../core/store/open-database.ts';
import { migrate } from '../core/store/migrate.ts';
import { systemClock } from '../core/ports/clock.ts';
import { loadWorkingCalendar } from '../core/calendar/load-calendar.ts';
import { loadStandardsCatalog } from '../standards/catalog.ts';
import { loadFormRegistry } from '../forms/form-registry.ts';
import { createCaseEngine } from '../engine-workers/case-engine.ts';
import type { WorkflowEngine } from '../core/ports/engine.ts';
import { startLiveFeed } from '../core/live/live-feed.ts';
import { notifierFromEnv } from '../core/notify/notifier-config.ts';
import { startNoticeDelivery } from '../core/notify/notice-delivery.ts';
import { blobsDirFromEnv, fileBlobStore } from '../core/attachments/file-blob-store.ts';
import { startAutoDispatch } from '../core/dispatch/auto-dispatch.ts';
import { startReportSchedule } from '../core/reports/report-schedule.ts';
import { startUploadPurge } from '../core/citizen/upload-purge.ts';
import { loadIndicatorSet } from '../core/evaluation/indicator-definitions.ts';
import { buildApp } from './app.ts';
import { createTokenService } from './auth/tokens.ts';
import { openUserCache } from '../core/identity/user-cache.ts';
import { listen, type RunningServer } from './server.ts';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export interface PlatformOptions {
  port: number;
  host?: string;
  log?: (line: string) => void;
  /** Runs after migrations, before the server listens (seeding the demo city). */
  prepare?: (db: Database) => Promise<void>;
  /** A city overlay of the standards catalogue (extension classes, renames, rule overrides). */
  standardsOverlay?: string;
  /** The city's file of public toilets and parks (core/public-services/places-file.ts). */
  placesFile?: string;
}

export interface RunningPlatform extends RunningServer {
  db: Database;
  engine: WorkflowEngine;
}

/** Opens the database named by the environment, migrates it, and serves the API. */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const log = options.log ?? (() => undefined);
  // Data files are checked before anything else: a broken one stops start-up naming file, JSON path and rule.
  const catalog = loadStandardsCatalog({ overlayFile: options.standardsOverlay });
  const calendar = loadWorkingCalendar();
  const forms = loadFormRegistry();
  if (catalog.overlay) log(`standards overlay: ${catalog.overlay.city} (${catalog.overlay.file})`);
  const config = databaseConfigFromEnv();
  const blobs = fileBlobStore(blobsDirFromEnv());
  const db = await openDatabase(config);
  try {
    const applied = await migrate(db);
    log(`database: ${db.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL server'}; migrations applied: ${applied.length}`);
    await options.prepare?.(db);
    const engineKind = process.env.CITYCASE_ENGINE === 'zeebe' ? 'zeebe' : 'embedded';
    const engine = await createCaseEngine({ db, clock: systemClock, catalog, calendar, kind: engineKind });
    // Listening before the engine starts, so the streams hear its first steps too.
    const live = await startLiveFeed({ db, engine });
    const notifier = notifierFromEnv(process.env, { publish: live.publish, clock: systemClock });
    const autoDispatch = startAutoDispatch({ db, engine, catalog, log });
    await engine.start();
    log(`engine: ${engineKind}; task types with workers: ${engine.workerTypes().length}`);
    const stopNoticeDelivery = startNoticeDelivery({
      db,
      notifier,
      clock: systemClock,
      onError: (error) => log(`notice delivery: ${error instanceof Error ? error.message : String(error)}`),
    });
    const stopReportSchedule = startReportSchedule({
      db,
      calendar,
      clock: systemClock,
      indicators: loadIndicatorSet(),
      onGenerated: (report) => log(`report: ${report.kind} ${report.date} archived as ${report.id}`),
      onError: (error) => log(`report schedule: ${error instanceof Error ? error.message : String(error)}`),
    });
    const tokens = await createTokenService(db, systemClock);
    const users = await openUserCache(db);
    const stopUploadPurge = startUploadPurge({
      db,
      blobs,
      clock: systemClock,
      onPurged: (count) => log(`citizen photos never reported, removed: ${count}`),
      onError: (error) => log(`photo purge: ${error instanceof Error ? error.message : String(error)}`),
    });
    const app = buildApp({ db, version, clock: systemClock, tokens, users, catalog, calendar, engine, forms, live: live.hub, blobs, placesFile: options.placesFile });
    const server = await listen(app, options.port, options.host);
    return {
      db,
      engine,
      url: server.url,
      async close() {
        await server.close();
        await stopNoticeDelivery();
        await stopReportSchedule();
        await stopUploadPurge();
        autoDispatch.stop();
        await autoDispatch.idle();
        await engine.stop();
        await live.stop();
        await users.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
