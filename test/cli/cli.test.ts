import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../core/store/open-database.ts';

const bin = fileURLToPath(new URL('../../bin/citycase.mjs', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('the citycase command line', () => {
  let dataDir: string;
  // On a server, each run uses a schema of its own so parallel test files do not meet.
  const schema = `cli_${randomBytes(4).toString('hex')}`;
  const env = () => ({
    ...process.env,
    CITYCASE_DATA_DIR: dataDir,
    CITYCASE_DB_SCHEMA: process.env.DATABASE_URL ? schema : '',
    CITYCASE_DEMO_PASSWORD: 'demo password 123',
  });
  const run = (...args: string[]) =>
    new Promise<Run>((resolve) => {
      execFile(process.execPath, [bin, ...args], { env: env(), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'citycase-cli-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
    if (process.env.DATABASE_URL) {
      const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
  });

  it('exports the national classes with official codes and Chinese names', async () => {
    const components = await run('standards', 'export', '--scheme', 'gbt47678', '--kind', 'component');
    assert.equal(components.code, 0, components.stderr);
    const list = JSON.parse(components.stdout) as Array<{ code: string; nameZh: string }>;
    assert.equal(list.length, 153);
    assert.deepEqual(list[0], { ...list[0], code: '01001', nameZh: '供水井盖' });
    const events = JSON.parse((await run('standards', 'export', '--scheme', 'gbt47678', '--kind', 'event')).stdout);
    assert.equal(events.length, 250);
    const legacy = JSON.parse((await run('standards', 'export', '--scheme', 'legacy', '--kind', 'component')).stdout);
    assert.equal(legacy.length, 85);
  });

  it('fails a broken overlay with one line naming the file, the JSON path and the rule', async () => {
    const overlay = JSON.parse(
      await readFile(fileURLToPath(new URL('../../standards/datasets/overlays/demo-city.json', import.meta.url)), 'utf8'),
    ) as Record<string, unknown>;
    const broken = path.join(dataDir, 'broken-overlay.json');
    await writeFile(broken, JSON.stringify({ ...overlay, unexpected: true }));
    const result = await run('standards', 'check', '--overlay', broken);
    assert.equal(result.code, 1);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0] as string, /broken-overlay\.json/);
    assert.match(lines[0] as string, /\/unexpected/);
    assert.match(lines[0] as string, /additionalProperties/);
  });

  it('computes a deadline across the National Day holiday', async () => {
    const result = await run('calendar', 'due', '--from', '2026-09-30T16:00:00+08:00', '--limit', '4 工作时');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /2026-10-08T10:00:00\+08:00/);
  });

  it('migrates idempotently and loads the demo city once', async () => {
    const first = await run('migrate');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /applied: 0001_foundation/);
    assert.match((await run('migrate')).stdout, /up to date/);
    const seeded = await run('seed-demo');
    assert.equal(seeded.code, 0, seeded.stderr);
    assert.match(seeded.stdout, /demo city loaded/);
    assert.match((await run('seed-demo')).stdout, /already loaded/);
  });

  it('answers an unknown command or option with one line and a non-zero exit', async () => {
    for (const args of [['frobnicate'], ['standards', 'export', '--kind', 'building'], ['calendar', 'due', '--limit', '3 fortnights']]) {
      const result = await run(...args);
      assert.notEqual(result.code, 0, args.join(' '));
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, /^citycase: /);
    }
  });
});
