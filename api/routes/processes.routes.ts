import { Router } from 'express';
import { NotFound } from '../../core/errors.ts';
import type { Database } from '../../core/ports/database.ts';
import type { WorkflowEngine } from '../../core/ports/engine.ts';
import { checkDiagram } from '../../core/processes/diagram-check.ts';
import { readDiagramStructure } from '../../core/processes/diagram-structure.ts';
import { deployProcess } from '../../core/processes/deploy-process.ts';
import { listOpenIncidents, type IncidentFilter } from '../../core/processes/incidents.ts';
import { diffDiagrams } from '../../core/processes/process-diff.ts';
import { listProcesses, readProcessVersion } from '../../core/processes/process-versions.ts';
import { requireRole } from '../auth/authenticate.ts';
import type { Operation } from '../http/openapi.ts';
import { bodyValidator, queryValidator } from '../http/validate.ts';

/** Diagrams are sent whole; api/app.ts lets bodies under /processes grow to this size. */
export const processBodyLimit = '5mb';
const maxXmlLength = 5_000_000;

const xml = { type: 'string', minLength: 1, maxLength: maxXmlLength };
export const deploySchema = {
  type: 'object',
  required: ['name', 'xml'],
  additionalProperties: false,
  properties: { name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\\.bpmn$' }, xml },
};
const lintSchema = { type: 'object', required: ['xml'], additionalProperties: false, properties: { xml } };
const version = { type: 'integer', minimum: 1, maximum: 2_147_483_647 };
const diffQuery = { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: version, to: version } };
const keyPattern = '^[0-9]{1,19}$';
const incidentQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { processId: { type: 'string', minLength: 1, maxLength: 200 }, instanceKey: { type: 'string', pattern: keyPattern } },
};

const parseDeploy = bodyValidator<{ name: string; xml: string }>(deploySchema);
const parseLint = bodyValidator<{ xml: string }>(lintSchema);
const parseDiff = queryValidator<{ from: number; to: number }>(diffQuery);
const parseIncidentFilter = queryValidator<IncidentFilter>(incidentQuery);

function versionNumber(raw: string): number {
  const parsed = Number(raw);
  if (!/^[0-9]{1,10}$/.test(raw) || parsed < 1 || parsed > 2_147_483_647) throw new NotFound(`no version ${raw}`);
  return parsed;
}

/** Process administration for the modeler: versions, diffs, deployment, the pickers' lists, incidents. */
export function processRoutes(deps: { db: Database; engine: WorkflowEngine }): Router {
  const { db, engine } = deps;
  const router = Router();

  router.get('/processes', async (_req, res) => {
    requireRole(res, 'admin');
    res.json({ items: await listProcesses(db) });
  });

  router.post('/processes', async (req, res) => {
    requireRole(res, 'admin');
    const input = parseDeploy(req.body);
    const { process, created } = await deployProcess(engine, db, { name: input.name, content: input.xml });
    res
      .status(created ? 201 : 200)
      .location(`/api/v1/processes/${encodeURIComponent(process.processId)}/versions/${process.version}`)
      .json(process);
  });

  router.post('/processes/lint', async (req, res) => {
    requireRole(res, 'admin');
    res.json(await checkDiagram(parseLint(req.body).xml, engine.workerTypes()));
  });

  router.get('/processes/task-types', (_req, res) => {
    requireRole(res, 'admin');
    res.json({ items: engine.workerTypes() });
  });

  router.get('/processes/:processId/versions/:version', async (req, res) => {
    requireRole(res, 'admin');
    const found = await readProcessVersion(db, req.params.processId, versionNumber(req.params.version));
    if (req.accepts(['application/json', 'application/xml']) === 'application/xml') {
      res.type('application/xml').send(found.xml);
      return;
    }
    const { processName, elements, flows } = await readDiagramStructure(found.xml);
    res.json({ ...found, processName, elements, flows });
  });

  router.get('/processes/:processId/diff', async (req, res) => {
    requireRole(res, 'admin');
    const { from, to } = parseDiff(req.query);
    const [before, after] = await Promise.all([from, to].map((v) => readProcessVersion(db, req.params.processId, v)));
    const diff = diffDiagrams(await readDiagramStructure(before!.xml), await readDiagramStructure(after!.xml));
    res.json({ processId: req.params.processId, from, to, ...diff });
  });

  router.get('/incidents', async (req, res) => {
    requireRole(res, 'admin');
    res.json({ items: await listOpenIncidents(engine, db, parseIncidentFilter(req.query)) });
  });

  router.post('/incidents/:key/retry', async (req, res) => {
    requireRole(res, 'admin');
    if (!new RegExp(keyPattern).test(req.params.key)) throw new NotFound(`incident ${req.params.key} does not exist`);
    await engine.retryIncident(req.params.key);
    res.status(204).end();
  });

  return router;
}

const admin: Operation['access'] = ['admin'];
const versionSummary = {
  type: 'object',
  properties: {
    version: { type: 'integer' },
    checksum: { type: 'string' },
    resourceName: { type: 'string' },
    deployedAt: { type: 'string', format: 'date-time' },
    activeInstances: { type: 'integer' },
    completedInstances: { type: 'integer' },
    openIncidents: { type: 'integer' },
  },
};
const finding = { type: 'object', properties: { rule: { type: 'string' }, elementId: { type: ['string', 'null'] }, message: { type: 'string' } } };
const diagramReport = {
  type: 'object',
  properties: {
    errors: { type: 'array', items: finding },
    warnings: { type: 'array', items: finding },
    unknownTaskTypes: { type: 'array', items: { type: 'string' } },
  },
};
const deployed = {
  type: 'object',
  properties: {
    processId: { type: 'string' },
    version: { type: 'integer' },
    checksum: { type: 'string' },
    processDefinitionKey: { type: 'string' },
    resourceName: { type: 'string' },
  },
};

export const processOperations: Operation[] = [
  { method: 'get', path: '/processes', tag: 'processes', summary: 'Deployed processes with their versions, latest first, and instances per version', access: admin,
    responses: { 200: { description: 'Processes', schema: { type: 'object', properties: { items: { type: 'array', items: {
      type: 'object', properties: { processId: { type: 'string' }, versions: { type: 'array', items: versionSummary } } } } } } } } },
  { method: 'post', path: '/processes', tag: 'processes', summary: 'Deploy a BPMN diagram as a new version (running instances keep theirs)', access: admin,
    body: deploySchema,
    responses: {
      201: { description: 'Deployed as a new version', schema: deployed },
      200: { description: 'The same content is already deployed: its version', schema: deployed },
      413: 'The diagram is too large',
      422: 'Lint errors or task types without a worker, listed in `errors` with element ids',
    } },
  { method: 'post', path: '/processes/lint', tag: 'processes', summary: 'Check a diagram as a deployment would, without deploying', access: admin,
    body: lintSchema, responses: { 200: { description: 'The findings', schema: diagramReport } } },
  { method: 'get', path: '/processes/task-types', tag: 'processes', summary: 'Task types that have a registered worker', access: admin,
    responses: { 200: 'Task types' } },
  { method: 'get', path: '/processes/{processId}/versions/{version}', tag: 'processes',
    summary: 'One version: JSON with the XML and its elements and flows, or the XML itself with Accept: application/xml', access: admin,
    responses: { 200: 'The version (JSON, or the XML itself with Accept: application/xml)', 404: 'Not deployed' } },
  { method: 'get', path: '/processes/{processId}/diff', tag: 'processes', summary: 'Elements and flows added, removed and changed between two versions',
    access: admin, query: diffQuery, responses: { 200: 'The differences', 404: 'A version is not deployed', 422: 'Invalid query' } },
  { method: 'get', path: '/incidents', tag: 'processes', summary: 'Open incidents with their case, element and message', access: admin,
    query: incidentQuery, responses: { 200: 'Open incidents' } },
  { method: 'post', path: '/incidents/{key}/retry', tag: 'processes', summary: "Give the incident's job its retries back and run it again",
    access: admin, responses: { 204: 'Retried', 404: 'No such incident', 409: 'Already resolved' } },
];
