import type { Role } from '../../core/identity/roles.ts';

const staff: Role[] = ['admin', 'acceptor', 'shift-leader', 'dispatcher', 'department', 'department-head', 'collector', 'leader', 'reviewer'];
/** Who may open a case page; the API still decides which cases each of them sees. */
export const caseReaders: Role[] = [...staff, 'citizen'];
const taskRoles: Role[] = ['acceptor', 'shift-leader', 'dispatcher', 'department', 'department-head', 'collector', 'reviewer'];

export interface NavItem {
  /** Route name, and the i18n key under `nav.` */
  name: string;
  path: string;
  roles: Role[];
}

export interface NavGroup {
  /** i18n key under `nav.` */
  title: string;
  items: NavItem[];
}

/** The menu, by role. The router guards the same roles, so a hidden page is also a forbidden one. */
export const navigation: NavGroup[] = [
  {
    title: 'work',
    items: [
      { name: 'tasks', path: '/tasks', roles: taskRoles },
      { name: 'approvals', path: '/approvals', roles: ['shift-leader', 'dispatcher'] },
      { name: 'intake', path: '/intake', roles: ['acceptor'] },
      { name: 'cases', path: '/cases', roles: caseReaders },
      { name: 'dashboard', path: '/dashboard', roles: ['admin', 'leader', 'shift-leader'] },
      { name: 'map', path: '/map', roles: staff },
    ],
  },
  {
    title: 'assessment',
    items: [
      { name: 'evaluation', path: '/evaluation', roles: ['leader', 'admin', 'shift-leader', 'department', 'department-head'] },
      { name: 'reports', path: '/reports', roles: ['leader', 'shift-leader', 'admin', 'dispatcher'] },
      { name: 'review', path: '/review', roles: ['reviewer'] },
      { name: 'reviewRounds', path: '/review/rounds', roles: ['admin', 'leader'] },
    ],
  },
  {
    title: 'admin',
    items: [
      { name: 'users', path: '/admin/users', roles: ['admin'] },
      { name: 'departments', path: '/admin/departments', roles: ['admin'] },
      { name: 'grids', path: '/admin/grids', roles: ['admin'] },
      { name: 'dispatchRules', path: '/admin/dispatch-rules', roles: ['admin'] },
      { name: 'components', path: '/admin/components', roles: ['admin'] },
      { name: 'waterlogging', path: '/admin/waterlogging', roles: ['admin'] },
      { name: 'apiKeys', path: '/admin/api-keys', roles: ['admin'] },
      { name: 'processes', path: '/admin/processes', roles: ['admin'] },
    ],
  },
];

export const navItems = navigation.flatMap((group) => group.items);

export function visibleNavigation(userRoles: readonly Role[]): NavGroup[] {
  return navigation
    .map((group) => ({ ...group, items: group.items.filter((item) => item.roles.some((r) => userRoles.includes(r))) }))
    .filter((group) => group.items.length > 0);
}
