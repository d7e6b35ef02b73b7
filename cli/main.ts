import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseConfigFromEnv, openDatabase } from '../core/store/open-database.ts';
import { migrate } from '../core/store/migrate.ts';
import type { Database } from '../core/ports/database.ts';
import { parseOptions } from './args.ts';

const usage = `usage: citycase <command>
  start [--port N] [--processes N]
                            migrate, load the demo city into an empty database, and serve (npm start)
  serve [--port N] [--processes N]
                            migrate and serve the API and UI (several processes need DATABASE_URL)
  migrate                   apply database migrations
  seed-demo                 load the demo city (idempotent)
  standards check [--overlay FILE]
  standards export [--scheme gbt47678|legacy] [--kind component|event] [--overlay FILE]
  calendar due --from ISO --limit "4 工作时"
  calendar between --from ISO --to ISO
environment: DATABASE_URL (PostgreSQL server; PGlite when unset), CITYCASE_DATA_DIR (default ./data),
  PORT (default 3000), CITYCASE_PROCESSES (platform processes behind the port, PostgreSQL server only; default 1),
  CITYCASE_DEMO_PASSWORD (demo users' password; random when unset),
  CITYCASE_STANDARDS_OVERLAY (a city's standards overlay file; start uses the demo city's)`;

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(databaseConfigFromEnv());
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function seedDemoCity(db: Database, log: (line: string) => void): Promise<void> {
  const { seedDemo } = await import('../demo/seed-demo.ts');
  const given = process.env.CITYCASE_DEMO_PASSWORD;
  const password = given || randomBytes(9).toString('base64url');
  const result = await seedDemo(db, { password });
  if (!result.seeded) {
    log('demo city already loaded; demo users keep the password they were given then');
    return;
  }
  const { seedDispatchRules, dispatchRulesDataDir } = await import('../core/dispatch/seed-dispatch-rules.ts');
  const { loadStandardsCatalog } = await import('../standards/catalog.ts');
  const catalog = loadStandardsCatalog({ overlayFile: demoOverlay });
  const rules = await db.transaction((sql) => seedDispatchRules(sql, path.join(dispatchRulesDataDir, 'demo-city.json'), catalog));
  log(`demo dispatch rules: ${rules.inserted}`);
  log(`demo city loaded: ${result.users.length} users (${result.users.map((u) => u.username).slice(0, 8).join(', ')}, …)`);
  log(given ? 'demo password: from CITYCASE_DEMO_PASSWORD' : `demo password (random, set CITYCASE_DEMO_PASSWORD to choose one): ${password}`);
}

const demoOverlay = fileURLToPath(new URL('../standards/datasets/overlays/demo-city.json', import.meta.url));

async function serve(args: string[], withDemo: boolean): Promise<void> {
  const { options } = parseOptions(args, ['port', 'host', 'processes']);
  const port = Number(options.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${options.port}"`);
  const { processCount, runCluster } = await import('../api/cluster.ts');
  const processes = processCount(options.processes ?? process.env.CITYCASE_PROCESSES, Boolean(databaseConfigFromEnv().databaseUrl));
  const log = (line: string) => console.log(line);
  const { startPlatform } = await import('../api/main.ts');
  const { demoPlacesFile } = await import('../core/public-services/places-file.ts');
  const running = await runCluster({
    processes,
    prepare: withDemo ? (db) => seedDemoCity(db, log) : undefined,
    start: (prepare) =>
      startPlatform({
        port,
        host: options.host,
        log,
        prepare,
        standardsOverlay: process.env.CITYCASE_STANDARDS_OVERLAY || (withDemo ? demoOverlay : undefined),
        placesFile: process.env.CITYCASE_PLACES_FILE || (withDemo ? demoPlacesFile : undefined),
      }),
    log,
  });
  if (!running.primary) return;
  const across = processes > 1 ? ` in ${processes} processes` : '';
  log(`citycase is running at ${running.url}${across} (health: ${running.url}/health)`);
  const stop = () => {
    running.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return serve(rest, true);
    case 'serve':
      return serve(rest, false);
    case 'migrate':
      return withDatabase(async (db) => {
        const applied = await migrate(db);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      });
    case 'seed-demo':
      return withDatabase(async (db) => {
        await migrate(db);
        await seedDemoCity(db, (line) => console.log(line));
      });
    case 'standards': {
      const { standardsCommand } = await import('./standards.command.ts');
      return standardsCommand(rest, process.stdout);
    }
    case 'calendar': {
      const { calendarCommand } = await import('./calendar.command.ts');
      return calendarCommand(rest, process.stdout);
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(usage);
      return;
    default:
      throw new Error(`unknown command "${command}" (try: citycase help)`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`citycase: ${message.split('\n')[0]}`);
  process.exit(1);
});
