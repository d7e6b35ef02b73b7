import { startPlatform } from '../../api/main.ts';

/**
 * The platform as `citycase start` runs it, in a process of its own so the load generator does not share its event
 * loop. The database comes from the environment (DATABASE_URL + CITYCASE_DB_SCHEMA, or CITYCASE_DATA_DIR); the
 * parent reads the URL from the first stdout line and ends the process with SIGTERM.
 */
const platform = await startPlatform({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${platform.url}\n`);
process.once('SIGTERM', () => {
  platform.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
