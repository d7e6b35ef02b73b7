import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { api } from './api/client.ts';
import { currentUser, saveSession, session, type Role, type SessionUser } from './api/session.ts';
import { caseReaders, navItems, visibleNavigation } from './navigation.ts';

const screens: Record<string, () => Promise<unknown>> = {
  tasks: () => import('./views/cases/TaskInboxView.vue'),
  approvals: () => import('./views/approvals/ApprovalsView.vue'),
  intake: () => import('./views/cases/IntakeView.vue'),
  cases: () => import('./views/cases/CaseListView.vue'),
  dashboard: () => import('./views/dashboard/DashboardView.vue'),
  map: () => import('./views/map/MapView.vue'),
  evaluation: () => import('./views/evaluation/EvaluationView.vue'),
  reports: () => import('./views/reports/ReportsView.vue'),
  review: () => import('./views/review/ReviewView.vue'),
  reviewRounds: () => import('./views/review/ReviewRoundsView.vue'),
  users: () => import('./views/admin/UsersView.vue'),
  departments: () => import('./views/admin/DepartmentsView.vue'),
  grids: () => import('./views/admin/GridImportView.vue'),
  dispatchRules: () => import('./views/admin/DispatchRulesView.vue'),
  components: () => import('./views/admin/ComponentsView.vue'),
  waterlogging: () => import('./views/admin/WaterloggingPointsView.vue'),
  apiKeys: () => import('./views/admin/ApiKeysView.vue'),
  processes: () => import('./views/modeler/ModelerView.vue'),
};

const appRoutes: RouteRecordRaw[] = navItems.map((item) => ({
  path: item.path,
  name: item.name,
  component: screens[item.name] as () => Promise<never>,
  meta: { roles: item.roles },
}));

/** The first page of the menu this user sees: where "/" and a fresh sign-in land. */
export function homePath(roles: readonly Role[]): string {
  return visibleNavigation(roles)[0]?.items[0]?.path ?? '/forbidden';
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
    { path: '/report', name: 'citizen-report', component: () => import('./views/public/ReportView.vue'), meta: { public: true } },
    { path: '/services', name: 'citizen-services', component: () => import('./views/public/ServicesView.vue'), meta: { public: true } },
    { path: '/track/:code', name: 'citizen-track', component: () => import('./views/public/TrackView.vue'), props: true, meta: { public: true } },
    {
      path: '/',
      component: () => import('./layout/AppShell.vue'),
      children: [
        { path: '', name: 'home', redirect: () => homePath(currentUser.value?.roles ?? []) },
        ...appRoutes,
        { path: 'cases/:id', name: 'case', component: () => import('./views/cases/CaseView.vue'), props: true, meta: { roles: caseReaders } },
        { path: 'forbidden', name: 'forbidden', component: () => import('./views/ForbiddenView.vue') },
        { path: ':rest(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
      ],
    },
  ],
});

let userChecked = false;

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  if (!session.value) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  // Roles may have changed since the session was stored: ask once per page load.
  if (!userChecked) {
    userChecked = true;
    const user = await api.get<SessionUser>('/me').catch(() => null);
    if (!session.value) return { name: 'login', query: { redirect: to.fullPath, expired: '1' } };
    if (user) saveSession({ ...session.value, user });
  }
  const allowed = to.meta.roles as Role[] | undefined;
  if (allowed && !currentUser.value?.roles.some((role) => allowed.includes(role))) return { name: 'forbidden' };
  return true;
});
