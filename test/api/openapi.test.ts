import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApp, operations } from '../../api/app.ts';
import { fileBlobStore } from '../../core/attachments/file-blob-store.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { calendar, catalog, forms, startTestServer, type TestServer } from '../support/http.ts';
import { openUserCache } from '../../core/identity/user-cache.ts';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouteLayer[] };
}

/** Every route a router and the routers it uses (mounted at its root) declare, as "method /path/{param}". */
function declaredRoutes(router: unknown): string[] {
  const stack = (router as { stack?: RouteLayer[] }).stack;
  if (!Array.isArray(stack)) return [];
  return stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map((method) => `${method} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`)
      : declaredRoutes(layer.handle),
  );
}

describe('the OpenAPI document', () => {
  let t: TestDatabase;
  let server: TestServer;
  before(async () => {
    t = await openTestDatabase();
    server = await startTestServer(t.db);
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  it('documents every API route, and nothing that does not exist', async (context) => {
    const users = await openUserCache(t.db);
    context.after(() => users.close());
    const app = buildApp({ db: t.db, version: 'x', clock: { now: () => new Date() }, tokens: { issue: async () => ({ accessToken: '', expiresIn: 0 }), verify: async () => null }, users, catalog, calendar, engine: server.engine, forms, blobs: fileBlobStore(server.blobsDir), live: server.live.hub });
    const api = (app as unknown as { router: { stack: Array<{ handle: unknown }> } }).router.stack
      .map((layer) => layer.handle)
      .find((handle) => declaredRoutes(handle).some((r) => r.endsWith(' /auth/login')));
    assert.ok(api, 'the /api/v1 router is mounted');
    const declared = declaredRoutes(api).sort();
    const documented = operations.map((op) => `${op.method} ${op.path}`).sort();
    assert.deepEqual(documented, declared);
  });

  it('is served as OpenAPI 3.1 with a problem schema and both security schemes', async () => {
    const res = await server.call('GET', '/api/v1/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.body.openapi, '3.1.0');
    assert.ok(res.body.paths['/auth/login'].post.requestBody);
    assert.deepEqual(res.body.paths['/auth/login'].post.security, [], 'login needs no token');
    assert.ok(res.body.components.securitySchemes.bearer);
    assert.ok(res.body.components.securitySchemes.apiKey);
  });

  it('documents file uploads as multipart/form-data with the part "file"', async () => {
    const res = await server.call('GET', '/api/v1/openapi.json');
    for (const path of ['/attachments', '/public/attachments']) {
      const content = res.body.paths[path].post.requestBody?.content;
      assert.ok(content?.['multipart/form-data'], `${path} takes multipart/form-data`);
      assert.deepEqual(content['multipart/form-data'].schema.required, ['file'], path);
    }
  });

  it('has a browsable docs page whose assets are served locally', async () => {
    const page = await server.call('GET', '/api/docs');
    assert.equal(page.status, 200);
    assert.match(page.body, /swagger-ui-bundle\.js/);
    const bundle = await fetch(`${server.url}/api/docs/assets/swagger-ui-bundle.js`);
    assert.equal(bundle.status, 200);
    assert.ok((await bundle.arrayBuffer()).byteLength > 100_000);
  });
});
