#!/usr/bin/env node
// Node 20's test runner does not expand globs: find every *.test.ts outside node_modules and hand them over.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const skip = new Set(['node_modules', 'data', 'test-output', '.git', 'web']);

function find(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...find(full));
    else if (entry.name.endsWith('.test.ts')) found.push(full);
  }
  return found;
}

const filters = process.argv.slice(2);
const files = find('.').filter((f) => filters.length === 0 || filters.some((s) => f.includes(s))).sort();
if (files.length === 0) {
  console.error('run-tests: no test files found');
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  // --expose-gc: the engine's memory test collects garbage on purpose (the test files inherit the flag).
  ['--expose-gc', '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
