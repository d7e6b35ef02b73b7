import express, { type Express } from 'express';
import type { Clock } from '../core/ports/clock.ts';
import type { Database } from '../core/ports/database.ts';
import type { StandardsCatalog } from '../core/ports/standards.ts';
import type { WorkingCalendar } from '../core/ports/calendar.ts';
import type { WorkflowEngine } from '../core/ports/engine.ts';
import type { FormRegistry } from '../forms/form-registry.ts';
import { authenticate } from './auth/authenticate.ts';
import type { TokenService } from './auth/tokens.ts';
import type { UserCache } from '../core/identity/user-cache.ts';
import { problemHandler, sendProblem } from './http/problem.ts';
import { webUi } from './http/web-ui.ts';
import { apiDocs } from './http/api-docs.ts';
import { openApiDocument, type Operation } from './http/openapi.ts';
import { apiKeyOperations, apiKeyRoutes } from './routes/api-keys.routes.ts';
import { authOperations, authRoutes } from './routes/auth.routes.ts';
import { departmentOperations, departmentRoutes } from './routes/departments.routes.ts';
import { dispatchRuleOperations, dispatchRuleRoutes } from './routes/dispatch-rules.routes.ts';
import { gridOperations, gridRoutes } from './routes/grids.routes.ts';
import { areaOperations, areaRoutes } from './routes/areas.routes.ts';
import { processBodyLimit, processOperations, processRoutes } from './routes/processes.routes.ts';
import { formOperations, formRoutes } from './routes/forms.routes.ts';
import { standardsOperations, standardsRoutes } from './routes/standards.routes.ts';
import { userOperations, userRoutes } from './routes/users.routes.ts';
import { notificationOperations, notificationRoutes } from './routes/notifications.routes.ts';
import { eventOperations, eventRoutes } from './routes/events.routes.ts';
import type { LiveHub } from '../core/live/live-hub.ts';
import { caseOperations, caseRoutes, type CaseRoutesDeps } from './routes/cases.routes.ts';
import { caseBatchOperations, caseBatchRoutes } from './routes/case-batch.routes.ts';
import { savedFilterOperations, savedFilterRoutes } from './routes/saved-filters.routes.ts';
import { suggestDepartmentForCase } from '../core/dispatch/suggest-department.ts';
import { claimAttachments } from '../core/attachments/claim-attachments.ts';
import { taskOperations, taskRoutes } from './routes/tasks.routes.ts';
import { loadActionMap } from '../core/case/action-map.ts';
import { caseClassRules } from '../core/case/case-class-rules.ts';
import type { BlobStore } from '../core/ports/blob-store.ts';
import { attachmentOperations, attachmentRoutes } from './routes/attachments.routes.ts';
import { documentOperations, documentRoutes } from './routes/documents.routes.ts';
import { evaluationOperations, evaluationRoutes } from './routes/evaluation.routes.ts';
import { reportsOperations, reportRoutes } from './routes/reports.routes.ts';
import { dashboardOperations, dashboardRoutes } from './routes/dashboard.routes.ts';
import { caseMapOperations, caseMapRoutes } from './routes/case-map.routes.ts';
import { channelOperations, channelRoutes } from './routes/channels.routes.ts';
import { open311Routes } from './routes/open311.routes.ts';
import { citizenOperations, citizenRoutes } from './routes/citizen.routes.ts';
import { reviewOperations, reviewRoutes } from './routes/review.routes.ts';
import { componentOperations, componentRoutes } from './routes/components.routes.ts';
import { publicServiceOperations, publicServiceRoutes } from './routes/public-services.routes.ts';
import { waterloggingPointOperations, waterloggingPointRoutes } from './routes/waterlogging-points.routes.ts';

export interface AppDeps {
  db: Database;
  version: string;
  clock: Clock;
  tokens: TokenService;
  /** The signed-in users, remembered per process (core/identity/user-cache.ts). */
  users: UserCache;
  catalog: StandardsCatalog;
  calendar: WorkingCalendar;
  engine: WorkflowEngine;
  forms: FormRegistry;
  /** Photos and videos (under CITYCASE_DATA_DIR/blobs). */
  blobs: BlobStore;
  /** Live events for the server-sent event streams (core/live). */
  live: LiveHub;
  /** The POI file of public toilets and parks (see publicServiceRoutes). */
  placesFile?: string;
}

export const operations: Operation[] = [
  ...authOperations,
  ...userOperations,
  ...apiKeyOperations,
  ...departmentOperations,
  ...gridOperations,
  ...areaOperations,
  ...standardsOperations,
  ...notificationOperations,
  ...eventOperations,
  ...caseOperations,
  ...caseBatchOperations,
  ...savedFilterOperations,
  ...taskOperations,
  ...dispatchRuleOperations,
  ...processOperations,
  ...formOperations,
  ...attachmentOperations,
  ...documentOperations,
  ...evaluationOperations,
  ...reportsOperations,
  ...dashboardOperations,
  ...caseMapOperations,
  ...channelOperations,
  ...citizenOperations,
  ...reviewOperations,
  ...componentOperations,
  ...publicServiceOperations,
  ...waterloggingPointOperations,
];

/** Builds the HTTP application without listening, so tests can serve it on any port. */
export function buildApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind one reverse proxy, req.ip is the client's address (login rate limits key on it).
  app.set('trust proxy', 'loopback');
  // GeoJSON grid imports are large; everything else is small, and a huge body is refused before parsing.
  app.use('/api/v1/grids/import', express.json({ limit: '50mb', type: ['application/json', 'application/geo+json'] }));
  app.use('/api/v1/processes', express.json({ limit: processBodyLimit }));
  // Open311 parses its own forms and answers errors in its own format, so it comes before the API's parser.
  app.use('/open311/v2', open311Routes(deps));
  app.use(express.json({ limit: '1mb' }));

  app.get('/health', async (_req, res) => {
    await deps.db.query('SELECT 1');
    res.json({ status: 'ok', version: deps.version, database: deps.db.kind });
  });

  const openApi = openApiDocument(operations, deps.version);
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  app.use(apiDocs());

  const api = express.Router();
  api.use(authenticate(deps.db, deps.tokens, deps.users));
  api.use(authRoutes(deps));
  api.use(userRoutes(deps));
  api.use(apiKeyRoutes(deps));
  api.use(departmentRoutes(deps));
  api.use(gridRoutes(deps));
  api.use(areaRoutes(deps));
  api.use(standardsRoutes(deps));
  const caseDeps: CaseRoutesDeps = {
    ...deps,
    actions: loadActionMap(),
    rules: caseClassRules(deps.catalog),
    suggestDepartment: async (sql, current) => (await suggestDepartmentForCase(sql, deps.catalog, current.id)).departmentId,
    claimAttachments: async (sql, principal, ids, caseId) => void (await claimAttachments(sql, principal, ids, caseId)),
  };
  api.use(caseBatchRoutes(caseDeps));
  api.use(caseRoutes(caseDeps));
  api.use(savedFilterRoutes(deps));
  api.use(taskRoutes(caseDeps));
  api.use(dispatchRuleRoutes(deps));
  api.use(processRoutes(deps));
  api.use(formRoutes(deps));
  api.use(notificationRoutes(deps));
  api.use(eventRoutes(deps));
  api.use(attachmentRoutes(deps));
  api.use(documentRoutes(deps));
  api.use(evaluationRoutes(deps));
  api.use(reviewRoutes(deps));
  api.use(reportRoutes(deps));
  api.use(dashboardRoutes(deps));
  api.use(caseMapRoutes(deps));
  api.use(channelRoutes(caseDeps));
  api.use(citizenRoutes({ ...caseDeps, catalog: deps.catalog, blobs: deps.blobs }));
  api.use(componentRoutes(deps));
  api.use(publicServiceRoutes(deps));
  api.use(waterloggingPointRoutes(deps));
  app.use('/api/v1', api);
  app.use(webUi());

  app.use((req, res) => {
    sendProblem(res, {
      type: 'https://citycase.org/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: `No route for ${req.method} ${req.path}`,
    });
  });
  app.use(problemHandler);
  return app;
}
