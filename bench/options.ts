import { parseArgs } from 'node:util';
import type { DatabaseKind } from './bench-database.ts';

export const benchNames = ['lifecycle', 'ceiling', 'timers', 'open-cases'] as const;
export type BenchName = (typeof benchNames)[number];

export interface BenchOptions {
  only: BenchName[];
  databases: DatabaseKind[];
  serverUrl: string | undefined;
  lifecycles: number;
  concurrency: number | undefined;
  ceilingLifecycles: number;
  openCases: number;
  templates: number;
  rssSeconds: number;
  timers: number;
  timerSpreadMs: number;
  pollMs: number | undefined;
  timerWaitMs: number;
}

export const usage = `npm run bench -- [options]      one JSON line per figure on stdout, progress on stderr

  --only LIST          comma-separated: ${benchNames.join(', ')} (default: all)
  --database LIST      pglite, postgres (default: pglite, plus postgres when a server is given)
  --server URL         PostgreSQL server (default: $DATABASE_URL); each benchmark gets a fresh schema, dropped after
  --lifecycles N       case lifecycles driven through the port (default 20)
  --concurrency N      lifecycles driven at once (default 1 on PGlite, which serialises anyway; 4 on a server)
  --ceiling N          lifecycles on bare bpmn-engine in memory, each way (default 20)
  --cases N            open cases waiting at handle for the RSS figure (default 100000)
  --templates N        cases driven through the port to handle, then cloned in SQL up to --cases / --timers (default 50)
  --rss-seconds N      how long the probe process runs the scheduler while RSS is sampled (default 10)
  --timers N           cases whose deadline timers come due together (default 300; the issue's figure: 10000)
  --timer-spread-ms N  the due times are spread evenly over this window (default 60000: "the same minute")
  --poll-ms N          the scheduler's poll interval (default: the platform's, 1000 ms)
  --timer-wait-ms N    give up waiting for timers this long after the last one was due (default 600000)`;

const positive = (name: string, text: string | undefined, fallback: number, allowZero = false): number => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) throw new Error(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got "${text}"`);
  return value;
};

function list<T extends string>(name: string, text: string | undefined, allowed: readonly T[], fallback: T[]): T[] {
  if (text === undefined) return fallback;
  const picked = text.split(',').map((part) => part.trim()).filter(Boolean);
  for (const item of picked) {
    if (!allowed.includes(item as T)) throw new Error(`--${name}: unknown "${item}" (choose from ${allowed.join(', ')})`);
  }
  return picked as T[];
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      only: { type: 'string' },
      database: { type: 'string' },
      server: { type: 'string' },
      lifecycles: { type: 'string' },
      concurrency: { type: 'string' },
      ceiling: { type: 'string' },
      cases: { type: 'string' },
      templates: { type: 'string' },
      'rss-seconds': { type: 'string' },
      timers: { type: 'string' },
      'timer-spread-ms': { type: 'string' },
      'poll-ms': { type: 'string' },
      'timer-wait-ms': { type: 'string' },
    },
  });
  if (values.help) return 'help';
  const serverUrl = values.server ?? (env.DATABASE_URL || undefined);
  const databases = list<DatabaseKind>('database', values.database, ['pglite', 'postgres'], serverUrl ? ['pglite', 'postgres'] : ['pglite']);
  if (databases.includes('postgres') && !serverUrl) throw new Error('--database postgres needs --server URL or DATABASE_URL');
  return {
    only: list('only', values.only, benchNames, [...benchNames]),
    databases,
    serverUrl,
    lifecycles: positive('lifecycles', values.lifecycles, 20),
    concurrency: values.concurrency === undefined ? undefined : positive('concurrency', values.concurrency, 1),
    ceilingLifecycles: positive('ceiling', values.ceiling, 20),
    openCases: positive('cases', values.cases, 100_000),
    templates: positive('templates', values.templates, 50),
    rssSeconds: positive('rss-seconds', values['rss-seconds'], 10),
    timers: positive('timers', values.timers, 300),
    timerSpreadMs: positive('timer-spread-ms', values['timer-spread-ms'], 60_000, true),
    pollMs: values['poll-ms'] === undefined ? undefined : positive('poll-ms', values['poll-ms'], 1000),
    timerWaitMs: positive('timer-wait-ms', values['timer-wait-ms'], 600_000),
  };
}
