import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../core/ports/database.ts';
import { openUserCache, type UserCache } from '../../core/identity/user-cache.ts';
import { createUser, type User } from '../../core/identity/users.ts';
import { migrate } from '../../core/store/migrate.ts';
import { openPostgresDatabase } from '../../core/store/postgres.database.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

const password = 'correct horse battery';

/** The cache's answer once `done` holds it: notifications reach a server's listener a moment after the commit. */
async function eventually(cache: UserCache, id: number, done: (user: User | null) => boolean): Promise<User | null> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const user = await cache.find(id);
    if (done(user) || Date.now() > deadline) return user;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the user cache', () => {
  let t: TestDatabase;
  let cache: UserCache;
  let id: number;

  before(async () => {
    t = await openTestDatabase();
    cache = await openUserCache(t.db);
    id = (await createUser(t.db, { username: 'leader', displayName: '领导', password, roles: ['leader'] })).id;
  });
  after(async () => {
    await cache.close();
    await t.dispose();
  });

  it('answers with changes made anywhere, even in SQL typed by hand', async () => {
    assert.equal((await cache.find(id))?.active, true);
    await t.db.query('UPDATE app_user SET active = false WHERE id = $1', [id]);
    assert.equal((await eventually(cache, id, (user) => user?.active === false))?.active, false);
    await t.db.query(`INSERT INTO user_role (user_id, role) VALUES ($1, 'dispatcher')`, [id]);
    assert.deepEqual((await eventually(cache, id, (user) => user?.roles.length === 2))?.roles, ['dispatcher', 'leader']);
    await t.db.query(`DELETE FROM user_role WHERE user_id = $1 AND role = 'leader'`, [id]);
    assert.deepEqual((await eventually(cache, id, (user) => user?.roles.length === 1))?.roles, ['dispatcher']);
    await t.db.query('DELETE FROM app_user WHERE id = $1', [id]);
    assert.equal(await eventually(cache, id, (user) => user === null), null);
  });

  it('does not keep a read that raced a change', async () => {
    const racer = (await createUser(t.db, { username: 'racer', displayName: '旧名', password, roles: ['leader'] })).id;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    // The user's row is read before the change commits, and its answer arrives after the change was announced.
    const slow: Database = {
      ...t.db,
      async query(text, params) {
        const result = await t.db.query(text, params);
        if (!held && text.includes('FROM app_user u')) {
          held = true;
          await released;
        }
        return result as never;
      },
    };
    const racing = await openUserCache(slow);
    try {
      const announced = new Promise<void>((resolve) => void t.db.listen('citycase_user_changed', () => resolve()));
      const reading = racing.find(racer);
      while (!held) await new Promise((resolve) => setTimeout(resolve, 5));
      await t.db.query(`UPDATE app_user SET display_name = '新名' WHERE id = $1`, [racer]);
      await announced;
      release();
      assert.equal((await reading)?.displayName, '旧名', 'the read itself saw the row as it was');
      assert.equal((await racing.find(racer))?.displayName, '新名');
    } finally {
      await racing.close();
    }
  });
});

/**
 * A TCP hop between the platform and the server that can drop every connection and refuse new ones for a while:
 * a lost listening connection, as a restarted server or a network cut makes one.
 */
async function startCuttableProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) return client.destroy();
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut(refuse: boolean) {
      refusing = refuse;
      for (const socket of sockets) socket.destroy();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the user cache on a PostgreSQL server', { skip: !process.env.DATABASE_URL && 'needs DATABASE_URL' }, () => {
  it('forgets everything when its listening connection is lost, so a change made meanwhile is not missed', async () => {
    const url = new URL(process.env.DATABASE_URL as string);
    const proxy = await startCuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const direct = await openPostgresDatabase({ connectionString: url.href, schema });
    const proxied = Object.assign(new URL(url.href), { port: String(proxy.port) });
    const db = await openPostgresDatabase({ connectionString: proxied.href, schema });
    const cache = await openUserCache(db);
    try {
      await migrate(direct);
      const id = (await createUser(direct, { username: 'leader', displayName: '旧名', password, roles: ['leader'] })).id;
      assert.equal((await cache.find(id))?.displayName, '旧名');
      proxy.cut(true);
      await direct.query(`UPDATE app_user SET display_name = '新名' WHERE id = $1`, [id]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      proxy.cut(false);
      assert.equal((await eventually(cache, id, (user) => user?.displayName === '新名'))?.displayName, '新名');
    } finally {
      await cache.close();
      await db.close();
      await direct.exec(`DROP SCHEMA ${schema} CASCADE`);
      await direct.close();
      await proxy.close();
    }
  });
});
