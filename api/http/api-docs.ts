import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router } from 'express';

const require = createRequire(import.meta.url);
const swaggerUiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));

const page = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>citycase API 文档</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>`;

const init = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true,
  persistAuthorization: true });`;

/** The browsable API documentation, served from the installed swagger-ui-dist (no CDN at run time). */
export function apiDocs(): Router {
  const router = Router();
  router.use('/api/docs/assets', express.static(swaggerUiDir, { index: false }));
  router.get('/api/docs/init.js', (_req, res) => {
    res.type('text/javascript').send(init);
  });
  router.get('/api/docs', (_req, res) => {
    res.type('html').send(page);
  });
  return router;
}
