import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../api/app.ts';
import { startAutoDispatch, type AutoDispatcher } from '../../core/dispatch/auto-dispatch.ts';
import { fileBlobStore } from '../../core/attachments/file-blob-store.ts';
import { listen, type RunningServer } from '../../api/server.ts';
import { createTokenService } from '../../api/auth/tokens.ts';
import { openUserCache } from '../../core/identity/user-cache.ts';
import type { Clock } from '../../core/ports/clock.ts';
import { systemClock } from '../../core/ports/clock.ts';
import type { Database } from '../../core/ports/database.ts';
import { loadWorkingCalendar } from '../../core/calendar/load-calendar.ts';
import { loadStandardsCatalog } from '../../standards/catalog.ts';
import { loadFormRegistry } from '../../forms/form-registry.ts';
import { demoPlacesFile } from '../../core/public-services/places-file.ts';
import { createCaseEngine } from '../../engine-workers/case-engine.ts';
import type { WorkflowEngine } from '../../core/ports/engine.ts';
import { startLiveFeed, type LiveFeed } from '../../core/live/live-feed.ts';

// The shipped data files, loaded once per test process.
export const catalog = loadStandardsCatalog();
export const calendar = loadWorkingCalendar();
export const forms = loadFormRegistry();

export interface TestServer extends RunningServer {
  /** Auto-dispatch runs after the step that opened a dispatch task: `idle()` waits for it. */
  autoDispatch: AutoDispatcher;
  /** The embedded engine behind the API; pollOnce runs due timers and jobs now (tests move the clock instead of sleeping). */
  engine: WorkflowEngine & { pollOnce(): Promise<void> };
  /** The live event feed the server's streams listen to (its `publish` is what the in-app notifier needs). */
  live: LiveFeed;
  /** The blob store's folder (a temporary one, removed on close). */
  blobsDir: string;
  /** fetch against the server with JSON in and out; `token` becomes a bearer header. */
  call(method: string, path: string, options?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<TestResponse>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read response bodies freely
}

/** The real app on a real port on loopback. */
/** `placesFile` absent: the demo city's POI file; given as undefined: none, as on a server started without one. */
export async function startTestServer(db: Database, clock: Clock = systemClock, options: { placesFile?: string } = {}): Promise<TestServer> {
  const tokens = await createTokenService(db, clock);
  const users = await openUserCache(db);
  // A long poll interval: tests drive timers with pollOnce after moving their clock.
  const engine = (await createCaseEngine({ db, clock, catalog, calendar, pollIntervalMs: 3_600_000 })) as TestServer['engine'];
  const live = await startLiveFeed({ db, engine });
  const autoDispatch = startAutoDispatch({ db, engine, catalog });
  await engine.start();
  const blobsDir = await mkdtemp(path.join(tmpdir(), 'citycase-blobs-'));
  const blobs = fileBlobStore(blobsDir);
  const server = await listen(buildApp({ db, version: 'test', clock, tokens, users, catalog, calendar, engine, forms, live: live.hub, blobs, placesFile: 'placesFile' in options ? options.placesFile : demoPlacesFile }), 0, '127.0.0.1');
  return {
    ...server,
    autoDispatch,
    engine,
    live,
    blobsDir,
    async close() {
      await server.close();
      autoDispatch.stop();
      await autoDispatch.idle();
      await engine.stop();
      await live.stop();
      await users.close();
      await rm(blobsDir, { recursive: true, force: true });
    },
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined;
      if (options.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      }
      const res = await fetch(server.url + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      if (/json/.test(res.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text);
      return { status: res.status, headers: res.headers, body: parsed };
    },
  };
}
