import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StatementNames } from './statement-names.ts';
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts';

describe('statement names', () => {
  it('names a query the second time it is sent, and keeps that name', () => {
    const names = new StatementNames();
    const text = 'SELECT * FROM "case" WHERE id = $1';
    assert.equal(names.nameFor(text), undefined, 'a statement sent once is not kept on the server');
    const name = names.nameFor(text);
    assert.ok(name);
    assert.equal(names.nameFor(text), name);
    assert.notEqual(names.nameFor('SELECT 2') ?? names.nameFor('SELECT 2'), name, 'another text, another name');
  });

  it('never names schema changes, and stops naming new texts at its capacity', () => {
    const names = new StatementNames(2);
    for (const ddl of ['CREATE TABLE t (id int)', 'DROP SCHEMA s CASCADE', 'VACUUM ANALYZE']) {
      assert.equal(names.nameFor(ddl) ?? names.nameFor(ddl), undefined, ddl);
    }
    const texts = ['SELECT 1', 'WITH x AS (SELECT 1) SELECT * FROM x', 'UPDATE t SET id = 1'];
    const given = texts.map((text) => names.nameFor(text) ?? names.nameFor(text));
    assert.deepEqual(given.map(Boolean), [true, true, false]);
    assert.equal(names.nameFor(texts[0] as string), given[0], 'a named text keeps its name past the capacity');
  });
});

describe('prepared statements on a PostgreSQL server', { skip: !process.env.DATABASE_URL && 'PGlite runs in this process: nothing to save' }, () => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase();
  });
  after(() => t.dispose());

  it('keeps a repeated query parsed on the connection and answers it as before', async () => {
    const text = `SELECT count(*)::int AS n FROM schema_migration WHERE version >= $1`;
    const prepared = await t.db.transaction(async (tx) => {
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push((await tx.query<{ n: number }>(text, [1])).rows[0]?.n);
      assert.equal(new Set(answers).size, 1, 'the same answer each time');
      return (await tx.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements')).rows.map((row) => row.statement);
    });
    assert.ok(prepared.includes(text), `prepared on the connection: ${prepared.join(' | ')}`);
  });
});
