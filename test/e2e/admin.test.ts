import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { browserMissing, city, signIn, startE2e, type E2e } from './support.ts';

describe('administration screens', { skip: browserMissing }, () => {
  let e2e: E2e;

  before(async () => {
    e2e = await startE2e();
  });
  after(() => e2e?.close());

  it('creates a department user who can then sign in, and deactivates them', async () => {
    const { page, problems, screenshot } = await e2e.open();
    await signIn(page, 'admin');
    await page.goto('/admin/users');
    await page.locator('[data-test=user-create]').click();
    const dialog = page.locator('[data-test=user-dialog]');
    await dialog.locator('input[name=new-username]').fill('lin.hua');
    await dialog.locator('input[name=display-name]').fill('林华');
    await dialog.locator('input[name=new-password]').fill('short');
    await dialog.locator('[data-test=user-save]').click();
    await dialog.getByText('至少 10 个字符').waitFor();
    await dialog.locator('input[name=new-password]').fill('a long enough secret');
    await dialog.locator('[data-test=user-roles]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '专业部门' }).click();
    await dialog.locator('.el-dialog__title').click(); // closes the multiple-choice list, which stays open
    await dialog.locator('[data-test=user-department]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: city.department.nameZh }).click();
    await screenshot('user-dialog');
    await dialog.locator('[data-test=user-save]').click();
    const row = page.locator('[data-test=user-table] tr', { hasText: 'lin.hua' });
    await row.getByText(city.department.nameZh).waitFor();
    await row.getByText('启用').waitFor();
    assert.deepEqual(await problems(), []);

    const other = await e2e.open();
    await signIn(other.page, 'lin.hua', 'a long enough secret');
    await other.page.waitForURL('**/tasks');
    assert.equal(await other.page.locator('[data-test=current-user]').textContent(), '林华');
    assert.equal(await other.page.locator('[data-test=main-menu]').getByText('用户管理').count(), 0);
    assert.deepEqual(await other.problems(), []);

    await row.getByRole('button', { name: '停用' }).click();
    await page.locator('.el-message-box').getByRole('button', { name: '停用' }).click();
    // the 停用 button carries the same word as the status tag, so wait for the tag and the button that replaces it
    await row.locator('.el-tag', { hasText: '停用' }).waitFor();
    await row.getByRole('button', { name: '启用' }).waitFor();
    const blocked = await e2e.server.call('POST', '/api/v1/auth/login', { body: { username: 'lin.hua', password: 'a long enough secret' } });
    assert.equal(blocked.status, 401, 'a deactivated user cannot sign in');
    assert.deepEqual(await problems(), []);
  });

  it('adds a department and shows it where departments are chosen', async () => {
    const { page, problems } = await e2e.open();
    await signIn(page, 'admin');
    await page.goto('/admin/departments');
    await page.locator('[data-test=department-create]').click();
    await page.locator('input[name=department-id]').fill('Bad Id');
    await page.locator('input[name=department-name-zh]').fill('市城管局');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('小写字母、数字、下划线或连字符，创建后不可修改').last().waitFor();
    await page.locator('input[name=department-id]').fill('city-management');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('[data-test=department-table]').getByText('市城管局').waitFor();
    const { body } = await e2e.server.call('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'correct horse battery' } });
    const listed = await e2e.server.call('GET', '/api/v1/departments', { token: body.accessToken });
    assert.ok(listed.body.items.some((d: { id: string; nameZh: string }) => d.id === 'city-management' && d.nameZh === '市城管局'));
    assert.deepEqual(await problems(), []);
  });

  it('shows a new API key once, and revokes it', async () => {
    const { page, problems, screenshot } = await e2e.open();
    await signIn(page, 'admin');
    await page.goto('/admin/api-keys');
    await page.locator('[data-test=api-key-create]').click();
    await page.locator('input[name=api-key-name]').fill('视频智能分析平台');
    await page.locator('[data-test=api-key-save]').click();
    const secret = await page.locator('input[data-test=api-key-secret]').inputValue();
    assert.match(secret, /^cck/);
    await screenshot('api-key-once');
    const me = await e2e.server.call('GET', '/api/v1/me', { headers: { 'x-api-key': secret } });
    assert.equal(me.status, 200, 'the key shown works');
    await page.getByRole('button', { name: '关闭' }).last().click();

    const row = page.locator('[data-test=api-key-table] tr', { hasText: '视频智能分析平台' });
    await row.getByRole('button', { name: '吊销' }).click();
    await page.locator('.el-message-box').getByRole('button', { name: '吊销' }).click();
    await row.getByText('已吊销').waitFor();
    const after = await e2e.server.call('GET', '/api/v1/me', { headers: { 'x-api-key': secret } });
    assert.equal(after.status, 401, 'the revoked key no longer works');
    assert.equal(await page.getByText(secret).count(), 0, 'the secret is not shown again');
    assert.deepEqual(await problems(), []);
  });

  it('imports grids from a GeoJSON file, and names the feature at fault in a bad one', async () => {
    const { page, problems, screenshot } = await e2e.open();
    await signIn(page, 'admin');
    await page.goto('/admin/grids');
    const feature = (code: string, lng: number) => ({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[[lng, 30.27], [lng + 0.002, 30.27], [lng + 0.002, 30.272], [lng, 30.272], [lng, 30.27]]] },
      properties: { code, communityId: '330106001001', nameZh: `新网格${code.slice(-3)}` },
    });
    const file = (features: unknown[]) => ({
      name: 'grids.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })),
    });
    const result = page.locator('[data-test=grid-import-result]');

    await page.locator('[data-test=grid-file]').setInputFiles(file([feature('330106001001010', 120.15), feature('12345', 120.16)]));
    await page.getByText('2 个要素').waitFor();
    await page.locator('[data-test=grid-import]').click();
    await result.getByText('出错位置：features.1.properties.code').waitFor();
    await screenshot('grid-import-error');
    assert.deepEqual(await problems([422]), []);

    await page.locator('[data-test=grid-file]').setInputFiles(file([feature('330106001001010', 120.15), feature('330106001001011', 120.16)]));
    await page.locator('[data-test=grid-import]').click();
    await result.getByText('已导入 2 个网格').waitFor();
    const { rows } = await e2e.db.query<{ code: string }>(`SELECT code FROM unit_grid WHERE code IN ('330106001001010', '330106001001011')`);
    assert.equal(rows.length, 2);
    assert.deepEqual(await problems(), []);
  });
});
