import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Database } from '../../core/ports/database.ts';
import { createUser } from '../../core/identity/users.ts';
import { importResponsibilityGrids, importUnitGrids, type GridFeature } from '../../core/grids/import.ts';
import type { PolygonGeometry } from '../../core/geo/geometry.ts';
import { openTestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';

export const chromiumPath = '/usr/bin/chromium';
export const screenshotDir = path.join('test-output', 'e2e');
export const password = 'correct horse battery';

/**
 * Debian's chromium. A developer without it gets the browser tests skipped; CI (CI=true) never skips them, so a
 * missing install fails there instead of passing silently.
 */
export const browserMissing =
  existsSync(chromiumPath) || process.env.CI ? false : `no browser at ${chromiumPath} (apt-get install chromium)`;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface WatchedPage {
  page: Page;
  /**
   * Console errors and uncaught exceptions since the last call, less the failed requests a step expects (the
   * browser logs every 4xx answer as a console error, even one the UI handles as it should), and any Element Plus
   * tag left unrendered because its component was never registered.
   */
  problems(expectedHttpStatuses?: number[]): Promise<string[]>;
  screenshot(name: string): Promise<void>;
}

/** A fresh browser context (no stored session) at the smallest screen the UI must work on. */
export async function openPage(browser: Browser, baseURL: string): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  let seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') seen.push(message.text());
  });
  page.on('pageerror', (error) => seen.push(`uncaught: ${error.message}`));
  await mkdir(screenshotDir, { recursive: true });
  return {
    page,
    async problems(expected = []) {
      const pattern = new RegExp(`^Failed to load resource: the server responded with a status of (${expected.join('|')}) `);
      const unexpected = seen.filter((text) => !(expected.length > 0 && pattern.test(text)));
      seen = [];
      // A string, because this project type-checks tests without the DOM library.
      const unrendered = await page.evaluate<string[]>(
        `[...new Set([...document.querySelectorAll('*')].map((e) => e.localName).filter((name) => name.startsWith('el-')))]`,
      );
      return [...unexpected, ...unrendered.map((name) => `unregistered component <${name}>`)];
    },
    screenshot: async (name) => {
      await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
    },
  };
}

export async function signIn(page: Page, username: string, secret = password): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(secret);
  await page.locator('[data-test=login-submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const community = '330106001001';
const square = (lng: number, lat: number, size: number): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat]]],
});

export const city = {
  unitGrids: [`${community}001`, `${community}002`],
  responsibilityGrid: '330106001900001',
  department: { id: 'city-greening', nameZh: '市园林绿化局' },
};

/** A district with one street, one community, two unit grids side by side, a department and its responsibility grid. */
export async function seedCity(db: Database): Promise<void> {
  await db.exec(`INSERT INTO organisation (id, kind, name_zh) VALUES ('330106', 'district', '西湖区');
    INSERT INTO organisation (id, kind, name_zh, parent_id) VALUES ('330106001', 'street', '北山街道', '330106');
    INSERT INTO organisation (id, kind, name_zh, parent_id) VALUES ('${community}', 'community', '保俶塔社区', '330106001');
    INSERT INTO department (id, name_zh, name_en, type) VALUES ('${city.department.id}', '${city.department.nameZh}', 'City Greening Bureau', 'city-department');`);
  const unit = (code: string, lng: number, name: string): GridFeature => ({
    type: 'Feature',
    geometry: square(lng, 30.26, 0.004),
    properties: { code, communityId: community, nameZh: name, areaGrade: 'A' },
  });
  await db.transaction(async (tx) => {
    await importUnitGrids(tx, {
      type: 'FeatureCollection',
      features: [unit(city.unitGrids[0] as string, 120.14, '保俶塔西网格'), unit(city.unitGrids[1] as string, 120.144, '保俶塔东网格')],
    });
    await importResponsibilityGrids(tx, {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: square(120.141, 30.261, 0.006),
          properties: { code: city.responsibilityGrid, nameZh: '北山街绿地责任区', departmentId: city.department.id },
        },
      ],
    });
  });
  await createUser(db, { username: 'admin', displayName: '系统管理员', password, roles: ['admin'] });
}

export interface E2e {
  db: Database;
  server: TestServer;
  open(): Promise<WatchedPage>;
  close(): Promise<void>;
}

/** The real server on a seeded database, serving the committed web/dist, and a headless browser. */
export async function startE2e(): Promise<E2e> {
  const t = await openTestDatabase();
  await seedCity(t.db);
  const server = await startTestServer(t.db);
  const browser = await launchBrowser();
  return {
    db: t.db,
    server,
    open: () => openPage(browser, server.url),
    async close() {
      await browser.close();
      await server.close();
      await t.dispose();
    },
  };
}

/** Whether the page lays out within the viewport's width, so a phone user never scrolls sideways to read it. */
export async function fitsWidth(page: Page, width: number): Promise<boolean> {
  return (await page.evaluate<number>('document.documentElement.scrollWidth')) <= width;
}

/**
 * Chooses an area in an area picker by typing part of its name. The picker searches the API as one types, so the
 * option is clicked only once every listed option matches what was typed (an earlier answer's list is gone), and
 * the choice is awaited in the select itself, which shows it as name（code）.
 */
export async function chooseArea(page: Page, select: string, typed: string, name: string): Promise<void> {
  await page.locator(select).click();
  await page.locator(`${select} input`).fill(typed);
  const listed = page.locator('.el-select-dropdown__item:visible');
  for (const deadline = Date.now() + 10_000; ; await page.waitForTimeout(50)) {
    const texts = await listed.allTextContents();
    if (texts.length > 0 && texts.every((text) => text.includes(typed))) break;
    if (Date.now() > deadline) throw new Error(`options still not filtered by "${typed}": ${texts.join(' | ')}`);
  }
  await page.locator('.el-select-dropdown__item:visible').getByText(name, { exact: true }).click();
  await page.locator(select).getByText(`${name}（`).waitFor();
}
