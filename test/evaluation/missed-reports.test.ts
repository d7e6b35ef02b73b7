import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Actor } from '../../core/case/case-types.ts';
import { registerCase } from '../../core/case/actions/register.ts';
import { rejectCase } from '../../core/case/actions/reject.ts';
import { reportCase } from '../../core/case/actions/report.ts';
import { drillDown, evaluate } from '../../core/evaluation/evaluate.ts';
import { loadIndicatorSet } from '../../core/evaluation/indicator-definitions.ts';
import { importResponsibilityGrids } from '../../core/grids/import.ts';
import type { PolygonGeometry } from '../../core/geo/geometry.ts';
import { createUser } from '../../core/identity/users.ts';
import { actors, caseDeps, givenDepartments, manholeReport } from '../lifecycle/builders.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { at } from './fixture.ts';

const patrolled = '110101001001901';
const unpatrolled = '110101001001902';
const week = { period: 'week', date: '2026-11-25' } as const;
const citizen: Actor = { id: null, name: '市民', role: 'citizen' };

describe('漏报 (missed reports) of a collector', () => {
  let t: TestDatabase;
  let deps: Parameters<typeof evaluate>[0];
  let collectorId = '';
  const ids: Record<string, string> = {};

  before(async () => {
    t = await openTestDatabase();
    await givenDepartments(t.db);
    const square = (lng: number): PolygonGeometry => ({
      type: 'Polygon',
      coordinates: [[[lng, 31.23], [lng + 0.01, 31.23], [lng + 0.01, 31.24], [lng, 31.24], [lng, 31.23]]],
    });
    await t.db.transaction((sql) =>
      importResponsibilityGrids(sql, {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', geometry: square(121.47), properties: { code: patrolled, nameZh: '人民路责任区' } },
          { type: 'Feature', geometry: square(121.5), properties: { code: unpatrolled, nameZh: '无人巡查区' } },
        ],
      }),
    );
    const user = await createUser(t.db, { username: 'patrol', displayName: '孙监督', password: 'correct horse battery', roles: ['collector'], gridCodes: [patrolled] });
    collectorId = String(user.id);
    const collector: Actor = { id: user.id, name: '孙监督', role: 'collector' };
    const report = async (name: string, by: Actor, grid: string, registered: boolean) => {
      const source = by.role === 'collector' ? 'collector' : by.role === 'acceptor' ? 'hotline' : 'citizen';
      const { id } = await t.db.transaction((sql) => reportCase(sql, manholeReport(at('23 09:00'), { actor: by, source }), caseDeps()));
      await t.db.query(`UPDATE "case" SET responsibility_grids = $2 WHERE id = $1`, [id, [grid]]);
      await t.db.transaction((sql) =>
        registered ? registerCase(sql, { caseId: id, actor: actors.shiftLeader, at: at('23 09:30') }) : rejectCase(sql, { caseId: id, actor: actors.shiftLeader, at: at('23 09:30') }),
      );
      ids[name] = id;
    };
    await report('own', collector, patrolled, true);
    await report('missed', citizen, patrolled, true);
    await report('notAProblem', citizen, patrolled, false);
    await report('elsewhere', actors.acceptor, unpatrolled, true);
    deps = { db: t.db, calendar: caseDeps().calendar, indicators: loadIndicatorSet() };
  });
  after(() => t.dispose());

  it('counts a registered problem that a citizen reported in the collector\'s grid, not a rejected one nor another grid\'s', async () => {
    const result = await evaluate(deps, { subject: 'collector', ...week });
    const row = result.rows.find((candidate) => candidate.id === collectorId);
    assert.ok(row, 'the collector has a row');
    assert.equal(row.name, '孙监督');
    assert.deepEqual(
      [row.indicators.reported, row.indicators.missedReports, row.indicators.shouldReport, row.indicators.missedReportRate],
      [1, 1, 2, 0.5],
    );
    const behind = await drillDown(deps, { subject: 'collector', ...week, id: collectorId, indicator: 'missedReports' });
    assert.deepEqual(behind.cases.map((c) => c.id), [ids.missed]);
  });
});
