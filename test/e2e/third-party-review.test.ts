import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../core/identity/users.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { givenEvaluationHistory } from '../evaluation/fixture.ts';
import { browserMissing, launchBrowser, openPage, password, signIn } from './support.ts';

describe('third-party review (第三方考评) in the browser', { skip: browserMissing }, () => {
  let t: TestDatabase;
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    t = await openTestDatabase();
    await givenEvaluationHistory(t.db);
    await createUser(t.db, { username: 'leader', displayName: '考评办', password, roles: ['leader'], departmentId: null });
    await createUser(t.db, { username: 'deputy', displayName: '王代表', password, roles: ['reviewer'], departmentId: null, reviewerKind: 'deputy' });
    server = await startTestServer(t.db);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  const statusOfFirstRound = (page: Page) => page.locator('[data-test=rounds-table] .el-table__body-wrapper [data-test^=round-status-]').first();

  it('an organiser opens and samples a round, a reviewer rates a case, and the closed round shows the result', async () => {
    const organiser = await openPage(browser, server.url);
    await signIn(organiser.page, 'leader');
    await organiser.page.goto('/review/rounds');
    await organiser.page.locator('input[data-test=round-name]').fill('2026年11月第三方考评');
    await organiser.page.locator('input[data-test=round-date]').fill('2026-11-24');
    await organiser.page.locator('[data-test=open-round]').click();
    await statusOfFirstRound(organiser.page).getByText('待抽样').waitFor();
    await organiser.page.locator('[data-test^=sample-]').first().click();
    await statusOfFirstRound(organiser.page).getByText('评价中').waitFor();
    assert.deepEqual(await organiser.problems(), []);

    const reviewer = await openPage(browser, server.url);
    await signIn(reviewer.page, 'deputy');
    await reviewer.page.goto('/review');
    // The default sample draws at least one closed case from each department: the water company and the roads office.
    await reviewer.page.locator('[data-test=review-progress]').getByText('待评价 2 / 共 2').waitFor();
    const card = reviewer.page.locator('[data-test^=assignment-]').first();
    await card.getByText('满意', { exact: true }).click();
    await card.locator('input[data-test=rating-comment]').fill('井盖已更换，处理及时');
    await card.locator('[data-test=rating-submit]').click();
    await card.locator('[data-test=rating-given]').getByText('满意').waitFor();
    await reviewer.page.locator('[data-test=review-progress]').getByText('待评价 1 / 共 2').waitFor();
    await reviewer.screenshot('third-party-review');
    assert.deepEqual(await reviewer.problems(), []);

    await organiser.page.reload();
    await organiser.page.locator('[data-test^=close-]').first().click();
    await statusOfFirstRound(organiser.page).getByText('已结束').waitFor();
    await organiser.page.locator('[data-test^=results-]').first().click();
    const results = organiser.page.locator('[data-test=round-results]');
    await results.getByText('井盖已更换，处理及时').waitFor();
    await results.getByText('100').first().waitFor();
    assert.deepEqual(await organiser.problems(), []);

    // After the round ends the unrated case can no longer be rated.
    await reviewer.page.reload();
    await reviewer.page.getByText('本轮考评已结束，未评价').waitFor();
  });
});
