import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuSample {
  /** CPU seconds of the platform process and every process below it (`--processes N`). */
  platform: number;
  /** CPU seconds of the PostgreSQL server's processes, when the server runs on this machine (else null). */
  database: number | null;
}

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();

interface Stat { pid: number; ppid: number; command: string; seconds: number }

function processStats(): Stat[] {
  const stats: Stat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces; the numbered fields follow it.
      const command = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.push({ pid: Number(entry), ppid: Number(fields[1]), command, seconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond });
    } catch {
      // The process ended while the list was read.
    }
  }
  return stats;
}

/**
 * CPU used so far by the platform under `rootPid` and by a local PostgreSQL server (Linux /proc): per request, CPU is
 * steadier than latency on a machine shared with other work, and it tells which side a request's cost is on.
 */
export function sampleCpu(rootPid: number, options: { database: boolean }): CpuSample {
  const stats = processStats();
  const below = new Set([rootPid]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const stat of stats) {
      if (!below.has(stat.pid) && below.has(stat.ppid)) {
        below.add(stat.pid);
        grown = true;
      }
    }
  }
  const postgres = options.database ? stats.filter((stat) => stat.command === 'postgres') : [];
  return {
    platform: stats.filter((stat) => below.has(stat.pid)).reduce((sum, stat) => sum + stat.seconds, 0),
    database: postgres.length > 0 ? postgres.reduce((sum, stat) => sum + stat.seconds, 0) : null,
  };
}

/** Milliseconds of CPU per request between two samples, rounded to 0.01 ms. */
export function cpuPerRequest(before: CpuSample, after: CpuSample, requests: number): { platformCpuMsPerRequest: number; databaseCpuMsPerRequest: number | null } {
  const perRequest = (seconds: number) => Math.round((seconds * 1000 * 100) / Math.max(requests, 1)) / 100;
  return {
    platformCpuMsPerRequest: perRequest(after.platform - before.platform),
    databaseCpuMsPerRequest: before.database === null || after.database === null ? null : perRequest(after.database - before.database),
  };
}
