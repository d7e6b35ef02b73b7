import { parseArgs } from 'node:util';

export interface ApiBenchOptions {
  /** postgres://… ; unset with --pglite only. */
  serverUrl: string | undefined;
  pglite: boolean;
  /** Cases bulk-inserted on the server; PGlite gets `pgliteCases`. */
  cases: number;
  pgliteCases: number;
  connections: number;
  seconds: number;
  /** An already seeded schema on the server to benchmark as it is (kept afterwards), e.g. to compare an index. */
  reuseSchema: string | undefined;
  /** Keep the seeded server schema (its name is printed) for later `--reuse-schema` runs. */
  keep: boolean;
  /** Write a V8 CPU profile of the platform process here. */
  profileDir: string | undefined;
  /** Platform processes behind the port (`citycase start --processes`; server only). */
  processes: number;
  /** The load runs to do (all by default). */
  only: ReadonlySet<LoadRun>;
}

export const loadRuns = ['inbox', 'collector_inbox', 'case_list', 'case_detail', 'intake'] as const;
export type LoadRun = (typeof loadRuns)[number];

function parseOnly(text: string | undefined): ReadonlySet<LoadRun> {
  if (text === undefined) return new Set(loadRuns);
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(loadRuns as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`--only takes ${loadRuns.join(', ')}; unknown: ${unknown.join(', ')}`);
  return new Set(names as LoadRun[]);
}

export const usage = `npm run bench:api -- [options]      one JSON line per figure on stdout, progress on stderr

  --server URL        PostgreSQL server (default: $DATABASE_URL, required unless --pglite-only); a fresh schema, dropped after
  --pglite            also run on PGlite (in a temporary data directory) with --pglite-cases
  --pglite-only       run on PGlite only
  --cases N           cases bulk-inserted on the server (default 1000000)
  --pglite-cases N    cases bulk-inserted on PGlite (default 100000)
  --connections N     concurrent HTTP clients (default 50)
  --seconds N         duration of each load run (default 10)
  --reuse-schema NAME benchmark a schema a previous run seeded (not seeded, not dropped): before/after an index
  --keep              keep the seeded server schema (its name is printed) for --reuse-schema
  --only LIST         comma-separated load runs: inbox, collector_inbox, case_list, case_detail, intake (default: all)
  --profile DIR       write a CPU profile of the platform process (.cpuprofile) into DIR
  --processes N       platform processes behind the port, as citycase start --processes N (server only; default 1)`;

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got "${text}"`);
  return value;
}

export function parseApiBenchOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): (ApiBenchOptions & { server: boolean }) | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      server: { type: 'string' },
      pglite: { type: 'boolean' },
      'pglite-only': { type: 'boolean' },
      cases: { type: 'string' },
      'pglite-cases': { type: 'string' },
      connections: { type: 'string' },
      seconds: { type: 'string' },
      'reuse-schema': { type: 'string' },
      keep: { type: 'boolean' },
      profile: { type: 'string' },
      only: { type: 'string' },
      processes: { type: 'string' },
    },
  });
  if (values.help) return 'help';
  const serverUrl = values.server ?? (env.DATABASE_URL || undefined);
  const pgliteOnly = values['pglite-only'] === true;
  if (!pgliteOnly && !serverUrl) throw new Error('the API benchmark needs a PostgreSQL server: --server URL or DATABASE_URL (or --pglite-only)');
  return {
    serverUrl,
    server: !pgliteOnly,
    pglite: pgliteOnly || values.pglite === true,
    cases: positive('cases', values.cases, 1_000_000),
    pgliteCases: positive('pglite-cases', values['pglite-cases'], 100_000),
    connections: positive('connections', values.connections, 50),
    seconds: positive('seconds', values.seconds, 10),
    reuseSchema: values['reuse-schema'],
    keep: values.keep === true,
    profileDir: values.profile,
    only: parseOnly(values.only),
    processes: positive('processes', values.processes, 1),
  };
}
