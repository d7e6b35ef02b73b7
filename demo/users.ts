import type { ReviewerKind, Role } from '../core/identity/roles.ts';
import type { DemoDepartment } from './departments.ts';

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  departmentId?: string;
  /** Responsibility grids a collector patrols: its scope. */
  gridCodes: string[];
  reviewerKind?: ReviewerKind;
}

/** What a collector needs to know about a responsibility grid to be given it. */
export interface PatrolArea {
  code: string;
  streetId: string;
  streetNameZh: string;
}

const COMMAND_CENTRE: readonly DemoUser[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], gridCodes: [] },
  { username: 'acceptor', displayName: '受理员', roles: ['acceptor'], gridCodes: [] },
  { username: 'shiftleader', displayName: '值班长', roles: ['shift-leader'], gridCodes: [] },
  { username: 'dispatcher', displayName: '派遣员', roles: ['dispatcher'], gridCodes: [] },
  { username: 'leader', displayName: '指挥中心领导', roles: ['leader'], gridCodes: [] },
  { username: 'citizen', displayName: '市民（随手拍）', roles: ['citizen'], gridCodes: [] },
  { username: 'reviewer', displayName: '第三方评价员', roles: ['reviewer'], gridCodes: [], reviewerKind: 'citizen-representative' },
];

/** Heads who receive supervision (督办) of their department's overdue cases. */
const HEADED_DEPARTMENTS = ['municipal', 'sanitation'];

/**
 * One collector per street, patrolling that street's responsibility grids (the first is plain `collector`,
 * the name the guides use); one account per department named after it; a head for a few departments.
 */
export function demoUsers(departments: readonly DemoDepartment[], patrolAreas: readonly PatrolArea[]): DemoUser[] {
  const streets = [...new Set(patrolAreas.map((area) => area.streetId))];
  const collectors = streets.map((streetId, index): DemoUser => {
    const areas = patrolAreas.filter((area) => area.streetId === streetId);
    return {
      username: index === 0 ? 'collector' : `collector${index + 1}`,
      displayName: `监督员（${areas[0]!.streetNameZh}）`,
      roles: ['collector'],
      gridCodes: areas.map((area) => area.code),
    };
  });
  const departmentUsers = departments.map(
    (department): DemoUser => ({
      username: department.id,
      displayName: department.nameZh,
      roles: ['department'],
      departmentId: department.id,
      gridCodes: [],
    }),
  );
  const heads = departments
    .filter((department) => HEADED_DEPARTMENTS.includes(department.id))
    .map(
      (department): DemoUser => ({
        username: `${department.id}-head`,
        displayName: `${department.nameZh}负责人`,
        roles: ['department-head'],
        departmentId: department.id,
        gridCodes: [],
      }),
    );
  return [...COMMAND_CENTRE, ...collectors, ...departmentUsers, ...heads];
}
