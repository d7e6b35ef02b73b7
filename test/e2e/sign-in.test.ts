import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser } from '../../core/identity/users.ts';
import { browserMissing, city, password, signIn, startE2e, type E2e } from './support.ts';

describe('signing in, the menu by role, and the language', { skip: browserMissing }, () => {
  let e2e: E2e;

  before(async () => {
    e2e = await startE2e();
    await createUser(e2e.db, {
      username: 'greening',
      displayName: '园林处置员',
      password,
      roles: ['department'],
      departmentId: city.department.id,
    });
  });
  after(() => e2e?.close());

  it('signs the administrator in, in Chinese, with the whole menu', async () => {
    const { page, problems, screenshot } = await e2e.open();
    await page.goto('/admin/users');
    await page.waitForURL(/\/login\?redirect=/);
    await assert.doesNotReject(page.getByRole('heading', { name: '用户登录' }).waitFor());
    await screenshot('login');

    await page.locator('input[name=username]').fill('admin');
    await page.locator('input[name=password]').fill('wrong password!');
    await page.locator('[data-test=login-submit]').click();
    await page.locator('[data-test=login-error]').getByText('用户名或密码错误').waitFor();
    assert.deepEqual(await problems([401]), []);

    await page.locator('input[name=password]').fill(password);
    await page.locator('[data-test=login-submit]').click();
    await page.waitForURL('**/admin/users');
    const menu = page.locator('[data-test=main-menu]');
    for (const entry of ['案件管理', '综合看板', '网格地图', '用户管理', '部门管理', '网格导入', '接口密钥', '流程建模']) {
      await menu.getByText(entry, { exact: true }).waitFor();
    }
    assert.equal(await page.locator('[data-test=current-user]').textContent(), '系统管理员');
    await screenshot('users');
    assert.deepEqual(await problems(), []);
  });

  it('switches to English and keeps the choice after a reload', async () => {
    const { page, problems, screenshot } = await e2e.open();
    await signIn(page, 'admin');
    await page.locator('[data-test=language-switch]').click();
    await page.locator('[data-test=locale-en]').click();
    const menu = page.locator('[data-test=main-menu]');
    await menu.getByText('Grid map', { exact: true }).waitFor();
    await page.reload();
    await menu.getByText('Process modeler', { exact: true }).waitFor();
    assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
    assert.equal(await menu.getByText('网格地图').count(), 0, 'no Chinese menu entries left');
    await page.goto('/map');
    await page.locator('[data-test=grid-counts]').getByText('Unit grids: 2 · responsibility grids: 1').waitFor();
    await screenshot('map-english');
    assert.deepEqual(await problems(), []);
  });

  it('shows a department user no administration, and refuses its pages', async () => {
    const { page, problems, screenshot } = await e2e.open();
    await signIn(page, 'greening');
    await page.waitForURL('**/tasks');
    await page.locator('[data-test=inbox-table]').getByText('暂无待办任务').waitFor();
    const menu = page.locator('[data-test=main-menu]');
    await menu.getByText('我的待办').waitFor();
    for (const hidden of ['系统管理', '用户管理', '流程建模', '接口密钥', '综合看板', '案件受理']) {
      assert.equal(await menu.getByText(hidden).count(), 0, `no ${hidden} for a department`);
    }
    await screenshot('tasks-empty');
    await page.goto('/admin/processes');
    await page.locator('[data-test=forbidden]').waitFor();
    assert.deepEqual(await problems(), []);
  });

  it('renews an expired access token with the refresh token, and signs out when both are gone', async () => {
    const { page, problems } = await e2e.open();
    await signIn(page, 'admin');
    // Expressions as strings, because this project type-checks tests without the DOM library.
    const spoil = (fields: string[]) =>
      page.evaluate(`(() => {
        const stored = JSON.parse(localStorage.getItem('citycase.session'));
        for (const name of ${JSON.stringify(fields)}) stored[name] += '-spoiled';
        localStorage.setItem('citycase.session', JSON.stringify(stored));
      })()`);

    await spoil(['accessToken']);
    await page.goto('/admin/departments');
    await page.getByRole('cell', { name: city.department.nameZh }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/admin/departments', 'still signed in');
    assert.deepEqual(await problems([401]), []);

    await spoil(['accessToken', 'refreshToken']);
    await page.goto('/admin/departments');
    await page.waitForURL(/\/login/);
    await page.getByText('登录已过期，请重新登录').waitFor();
    assert.deepEqual(await problems([401]), []);
  });

  it('signs out from the header', async () => {
    const { page, problems } = await e2e.open();
    await signIn(page, 'admin');
    await page.locator('[data-test=user-menu]').click();
    await page.locator('[data-test=sign-out]').click();
    await page.waitForURL('**/login');
    await page.goto('/map');
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/map');
    assert.deepEqual(await problems(), []);
  });
});
