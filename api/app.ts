import express, { type Express } from 'express';
import type { Database } from '../core/ports/database.ts';
import { problemHandler, sendProblem } from './http/problem.ts';

export interface AppDeps {
  db: Database;
  version: string;
}

/** Builds the HTTP application without listening, so tests can serve it on any port. */
export function buildApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));

  app.get('/health', async (_req, res, next) => {
    try {
      await deps.db.query('SELECT 1');
      res.json({ status: 'ok', version: deps.version, database: deps.db.kind });
    } catch (error) {
      next(error);
    }
  });

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
