import autocannon from 'autocannon';
import type { DatabaseKind } from '../bench-database.ts';
import { emit } from '../figures.ts';
import { cpuPerRequest, type CpuSample } from './process-cpu.ts';

export interface LoadRun {
  /** The figure's name: `api_<name>_p50`, `_p99`, `_requests_per_second`. */
  name: string;
  method: 'GET' | 'POST';
  /** Each request's path (and body), drawn anew per request. */
  next: () => { path: string; body?: string };
  token: string;
}

/**
 * Runs one endpoint under `connections` concurrent clients for `seconds`, and prints its figures. Any answer that is
 * not 2xx counts as an error: a benchmark of failing requests would measure the error page.
 */
export async function measure(
  baseUrl: string,
  database: DatabaseKind,
  run: LoadRun,
  settings: { connections: number; seconds: number; context: Record<string, unknown>; cpu: () => CpuSample },
): Promise<void> {
  const before = settings.cpu();
  const result = await autocannon({
    url: baseUrl,
    connections: settings.connections,
    duration: settings.seconds,
    headers: { authorization: `Bearer ${run.token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: run.method,
        setupRequest: (request) => {
          const { path, body } = run.next();
          return { ...request, path, ...(body === undefined ? {} : { body }) };
        },
      },
    ],
  });
  const after = settings.cpu();
  const common = {
    database,
    connections: settings.connections,
    seconds: result.duration,
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
    // Requests that got no answer within autocannon's 10 s: counted in errors, named so a queue is told from a failure.
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0])),
    ...cpuPerRequest(before, after, result.requests.total),
    ...settings.context,
  };
  emit({ bench: `api_${run.name}_p50`, value: result.latency.p50, unit: 'ms', ...common });
  emit({ bench: `api_${run.name}_p99`, value: result.latency.p99, unit: 'ms', ...common });
  emit({ bench: `api_${run.name}_requests_per_second`, value: result.requests.average, unit: 'requests/s', ...common });
}
