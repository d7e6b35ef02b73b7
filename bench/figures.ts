import { loadavg } from 'node:os';
import type { DatabaseKind } from './bench-database.ts';

export interface Figure {
  bench: string;
  database: DatabaseKind;
  value: number | boolean | null;
  unit: string;
  [context: string]: unknown;
}

/**
 * One JSON line per figure on stdout; progress goes to stderr so the output stays machine-readable. The 1-minute
 * load average goes with every figure: on a shared 2-core machine it says how far a figure can be trusted.
 */
export function emit(figure: Figure): void {
  process.stdout.write(`${JSON.stringify({ ...figure, load1: round(loadavg()[0] ?? 0) })}\n`);
}

/** CPU milliseconds this process spent (user + system) since `since`. */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** The nearest-rank percentile of already measured values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export const megabytes = (bytes: number) => round(bytes / 1024 / 1024, 1);
