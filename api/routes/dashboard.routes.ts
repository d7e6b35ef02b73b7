import { Router } from 'express';
import type { Clock } from '../../core/ports/clock.ts';
import type { Database } from '../../core/ports/database.ts';
import type { WorkingCalendar } from '../../core/ports/calendar.ts';
import type { Role } from '../../core/identity/roles.ts';
import { loadIndicatorSet, type IndicatorSet } from '../../core/evaluation/indicator-definitions.ts';
import { dashboardAt, trendDays } from '../../core/dashboard/dashboard.ts';
import { requireRole } from '../auth/authenticate.ts';
import type { Operation } from '../http/openapi.ts';

// The figures cover the whole city, so only the roles that see every case get them.
const access: Role[] = ['leader', 'shift-leader', 'admin'];

export function dashboardRoutes(deps: { db: Database; clock: Clock; calendar: WorkingCalendar; indicators?: IndicatorSet }): Router {
  const dashboardDeps = { db: deps.db, calendar: deps.calendar, indicators: deps.indicators ?? loadIndicatorSet() };
  const router = Router();

  router.get('/dashboard', async (_req, res) => {
    requireRole(res, ...access);
    res.json(await dashboardAt(dashboardDeps, deps.clock.now()));
  });

  return router;
}

const dayFigures = {
  type: 'object',
  required: ['date', 'reported', 'registered', 'dispatched', 'closed'],
  properties: {
    date: { type: 'string', description: 'Beijing date, YYYY-MM-DD' },
    reported: { type: 'integer', description: 'Reports received' },
    registered: { type: 'integer', description: 'Cases registered (立案)' },
    dispatched: { type: 'integer', description: 'Cases dispatched (派遣), a redispatch on the same day counted once' },
    closed: { type: 'integer', description: 'Cases closed (结案)' },
  },
};
const rate = { type: ['number', 'null'], minimum: 0, maximum: 1 };

export const dashboardOperations: Operation[] = [
  { method: 'get', path: '/dashboard', tag: 'evaluation',
    summary: `The command centre's figures for today (Beijing day), a daily trend of the last ${trendDays} days and this month's department ranking`,
    access,
    responses: {
      200: {
        description: 'Today, the trend oldest day first, and the ranking best first',
        schema: {
          type: 'object',
          required: ['asOf', 'today', 'trend', 'ranking'],
          properties: {
            asOf: { type: 'string', format: 'date-time' },
            today: {
              ...dayFigures,
              required: [...dayFigures.required, 'closureRate', 'onTimeRate', 'overdueNow', 'suspendedNow', 'supervisedNow'],
              properties: {
                ...dayFigures.properties,
                closureRate: { ...rate, description: 'Of the cases registered today, the share closed by now' },
                onTimeRate: { ...rate, description: 'Of the cases closed today, the share handed in before the deadline in force' },
                overdueNow: { type: 'integer' },
                suspendedNow: { type: 'integer' },
                supervisedNow: { type: 'integer', description: 'Unfinished cases under 督办 supervision' },
              },
            },
            trend: { type: 'array', items: dayFigures },
            ranking: { type: 'object', description: 'GET /evaluation?subject=department&period=month for today, with the columns its score is made of' },
          },
        },
      },
      403: 'Not a leader, shift leader or administrator',
    } },
];
