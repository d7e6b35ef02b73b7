import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countedPage } from './counted-page.ts';
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts';

describe('a counted page', () => {
  let t: TestDatabase;
  const page = (min: number, limit: number, offset: number) =>
    countedPage<{ id: number; label: string }>(
      t.db,
      {
        count: 'SELECT count(*)::int AS n FROM item WHERE id >= $1',
        page: `SELECT id, label FROM item WHERE id >= $1 ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`,
        order: 'page.id DESC',
        key: 'id',
      },
      [min],
    );

  before(async () => {
    t = await openTestDatabase({ migrate: false });
    await t.db.exec(`CREATE TABLE item (id int PRIMARY KEY, label text);
                     INSERT INTO item SELECT i, 'item ' || i FROM generate_series(1, 30) i;`);
  });
  after(() => t.dispose());

  it('gives the page in its order and how many match in all', async () => {
    const { rows, total } = await page(11, 5, 5);
    assert.equal(total, 20);
    assert.deepEqual(rows.map((row) => row.id), [25, 24, 23, 22, 21]);
    assert.deepEqual(Object.keys(rows[0] as object).sort(), ['counted_page_total', 'id', 'label']);
  });

  it('still counts when the page lies past the last row, and says zero when nothing matches', async () => {
    assert.deepEqual(await page(11, 5, 40), { rows: [], total: 20 });
    assert.deepEqual(await page(99, 5, 0), { rows: [], total: 0 });
  });
});
