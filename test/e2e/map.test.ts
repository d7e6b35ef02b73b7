import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { browserMissing, city, signIn, startE2e, type E2e } from './support.ts';

describe('the grid map', { skip: browserMissing }, () => {
  let e2e: E2e;

  before(async () => {
    e2e = await startE2e();
  });
  after(() => e2e?.close());

  it('draws the unit and responsibility grids with popups, and locates a clicked point', async () => {
    const { page, problems, screenshot } = await e2e.open();
    await signIn(page, 'admin');
    await page.goto('/map');
    await page.locator('[data-test=grid-counts]').getByText('单元网格 2 个，责任网格 1 个').waitFor();
    const map = page.locator('[data-test=map]');
    const box = await map.boundingBox();
    assert.ok(box);
    // The map fits the two side-by-side unit grids; a little west of the centre is inside the western one, and
    // inside the responsibility grid drawn over both.
    const west = { x: box.width / 2 - 40, y: box.height / 2 };

    await map.click({ position: west });
    const popup = page.locator('.leaflet-popup-content');
    await popup.getByText('北山街绿地责任区').waitFor();
    await popup.getByText(city.department.nameZh).waitFor(); // the popup names the responsible department
    const result = page.locator('[data-test=locate-result]');
    await result.getByText(city.unitGrids[0] as string).waitFor();
    await result.getByText('北山街道').waitFor();
    await result.getByText('保俶塔社区').waitFor();
    await screenshot('map');

    await page.locator('[data-test=toggle-responsibility]').click();
    await map.click({ position: west });
    await popup.getByText(city.unitGrids[0] as string).waitFor();
    await popup.getByText('保俶塔西网格').waitFor();
    assert.deepEqual(await problems(), []);

    await map.click({ position: { x: box.width - 12, y: box.height - 12 } });
    await result.getByText('该位置不在任何单元网格内').waitFor();
    assert.deepEqual(await problems([404]), []);
  });
});
