import { startPlatform } from '../../api/main.ts';
import { processCount, runCluster } from '../../api/cluster.ts';
import { databaseConfigFromEnv } from '../../core/store/open-database.ts';

/**
 * The platform as `citycase start` runs it, in a process of its own so the load generator does not share its event
 * loop; CITYCASE_PROCESSES > 1 runs that many behind the port, as `citycase start --processes N`. The database
 * comes from the environment (DATABASE_URL + CITYCASE_DB_SCHEMA, or CITYCASE_DATA_DIR); the parent reads the URL
 * from the first stdout line and ends the process with SIGTERM.
 */
const running = await runCluster({
  processes: processCount(process.env.CITYCASE_PROCESSES, Boolean(databaseConfigFromEnv().databaseUrl)),
  start: () => startPlatform({ port: 0, host: '127.0.0.1' }),
  log: (line) => process.stderr.write(`${line}\n`),
});
if (running.primary) {
  process.stdout.write(`${running.url}\n`);
  process.once('SIGTERM', () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
