import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

export const webDist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

/**
 * Serves the built browser UI. The UI routes with the history API, so any other GET that is not an API path gets
 * index.html; hashed assets are cached for a year, index.html never (a new build is picked up at once).
 */
export function webUi(dist = webDist): Router {
  const router = Router();
  if (!existsSync(path.join(dist, 'index.html'))) return router;
  router.use(
    express.static(dist, {
      index: false,
      setHeaders(res, file) {
        res.set('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  router.get(/^\/(?!api\/|api$|health$|open311\/).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.set('Cache-Control', 'no-cache').sendFile(path.join(dist, 'index.html'));
  });
  return router;
}
