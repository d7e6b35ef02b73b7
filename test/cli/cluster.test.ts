import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../core/store/open-database.ts';
import { manholeReport, pointInCollectorScope } from '../api/support.ts';
import { openStream } from '../support/event-stream.ts';

const bin = fileURLToPath(new URL('../../bin/citycase.mjs', import.meta.url));
const server = process.env.DATABASE_URL;
const demoPassword = 'demo password 123';

/** One request on a connection of its own, so the cluster's round robin spreads them over the processes. */
function request(url: string, method: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read bodies freely
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(url, {
      method,
      agent: false,
      headers: { ...(text ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data ? JSON.parse(data) : undefined }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** The platform processes the primary forked: its children running citycase (tsx may have an esbuild child too). */
const workersOf = (pid: number) =>
  new Promise<number[]>((resolve) => {
    execFile('pgrep', ['-P', String(pid), '-f', 'citycase\\.mjs'], (_error, stdout) => resolve(stdout.split('\n').filter(Boolean).map(Number)));
  });

async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let tries = 0; tries < 300; tries++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: not within 30 s`);
}

describe('citycase start --processes', () => {
  let dataDir: string;
  const schema = `cluster_${randomBytes(4).toString('hex')}`;
  const env = () => ({ ...process.env, CITYCASE_DATA_DIR: dataDir, CITYCASE_DB_SCHEMA: server ? schema : '', CITYCASE_DEMO_PASSWORD: demoPassword });

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'citycase-cluster-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
    if (server) {
      const db = await openDatabase({ databaseUrl: server });
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
  });

  const run = (...args: string[]) =>
    new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [bin, ...args], { env: env() }, (error, _stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stderr });
      });
    });

  it('refuses a process count that is not a whole number, in one line', async () => {
    for (const count of ['0', 'two', '1.5']) {
      const result = await run('serve', '--processes', count);
      assert.equal(result.code, 1, count);
      assert.match(result.stderr.trim(), /^citycase: the process count must be a whole number from 1 to 64, not "/);
    }
  });

  it('refuses several processes on PGlite, which is one process\'s database', { skip: Boolean(server) && 'a server is configured' }, async () => {
    const result = await run('serve', '--processes', '2');
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trim(), 'citycase: several platform processes need a PostgreSQL server (DATABASE_URL): PGlite is the database of one process');
  });

  it('serves from two processes behind one port, replaces one that dies, and stops them all', { skip: !server && 'needs a PostgreSQL server (DATABASE_URL)' }, async () => {
    const port = await freePort();
    const primary: ChildProcess = spawn(process.execPath, [bin, 'start', '--processes', '2', '--port', String(port), '--host', '127.0.0.1'], {
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    primary.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    primary.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    try {
      await eventually('the cluster serves', async () => (/in 2 processes/.test(output) ? true : undefined));
      const url = `http://127.0.0.1:${port}`;
      assert.equal((output.match(/engine: embedded/g) ?? []).length, 2, 'each process runs the engine');
      assert.equal((output.match(/demo city loaded/g) ?? []).length, 1, 'the demo city is loaded once');
      const workers = await workersOf(primary.pid as number);
      assert.equal(workers.length, 2, output);

      // A token from either process works on both: each sign-in and report is a new connection.
      const login = async (username: string) =>
        (await request(`${url}/api/v1/auth/login`, 'POST', { username, password: demoPassword })).body.accessToken as string;
      const acceptor = await login('acceptor');
      const dispatcher = await login('dispatcher');
      const stream = await openStream(`${url}/api/v1/events`, { authorization: `Bearer ${dispatcher}` });
      const db = await openDatabase({ databaseUrl: server, schema });
      const point = await pointInCollectorScope(db).finally(() => db.close());
      try {
        const reported = new Set<string>();
        for (let i = 0; i < 4; i++) {
          const created = await request(`${url}/api/v1/cases`, 'POST', manholeReport(point), acceptor);
          assert.equal(created.status, 201, JSON.stringify(created.body));
          reported.add(created.body.id);
        }
        // The stream is held by one process; the cases were taken by both, and it hears of every one.
        const heard = new Set<string>();
        while ([...reported].some((id) => !heard.has(id))) heard.add((await stream.nextOf('case')).data.caseId);
        for (const id of reported) assert.equal((await request(`${url}/api/v1/cases/${id}`, 'GET', undefined, dispatcher)).status, 200);
      } finally {
        await stream.close();
      }

      process.kill(workers[0] as number, 'SIGKILL');
      await eventually('a replacement process', async () => {
        const now = await workersOf(primary.pid as number);
        return now.length === 2 && !now.includes(workers[0] as number) && /engine: embedded[\s\S]*engine: embedded[\s\S]*engine: embedded/.test(output) ? now : undefined;
      });
      assert.match(output, new RegExp(`platform process ${workers[0]} ended \\(SIGKILL\\); starting another`));
      for (let i = 0; i < 4; i++) assert.equal((await request(`${url}/health`, 'GET')).status, 200);

      const serving = await workersOf(primary.pid as number);
      primary.kill('SIGTERM');
      assert.equal(await exited, 0, output);
      for (const pid of serving) assert.throws(() => process.kill(pid, 0), /ESRCH/, `process ${pid} has stopped`);
    } finally {
      primary.kill('SIGKILL');
    }
  });
});
