import { Router } from 'express';
import type { Database } from '../../core/ports/database.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { BlobStore } from '../../core/ports/blob-store.ts';
import { Forbidden, NotFound } from '../../core/errors.ts';
import { hasRole, type Role } from '../../core/identity/roles.ts';
import { loadIndicatorSet, type IndicatorSet } from '../../core/evaluation/indicator-definitions.ts';
import { periodKinds } from '../../core/evaluation/period.ts';
import { closeRound, listRounds, openRound, sampleRound, type NewRound } from '../../core/evaluation/third-party-review-rounds.ts';
import { assignmentOf, assignmentPhotoId, myAssignments, rateAssignment, roundResults } from '../../core/evaluation/third-party-review-ratings.ts';
import { readAttachments } from '../../core/attachments/attachment-records.ts';
import { requireRole } from '../auth/authenticate.ts';
import { bodyValidator, queryValidator } from '../http/validate.ts';
import type { Operation } from '../http/openapi.ts';
import { sendAttachment } from './attachments.routes.ts';

/** Who organises rounds: administrators and leaders (the evaluation office works under the centre's leaders). */
const organisers: Role[] = ['admin', 'leader'];
const departmentRoles: Role[] = ['department', 'department-head'];

const sampleRule = {
  description: 'Closed cases drawn per department: a number, or a rate (at least one case of every department with closed cases). Default: defaultSample of the indicators data',
  oneOf: [
    { type: 'object', additionalProperties: false, required: ['perDepartment'], properties: { perDepartment: { type: 'integer', minimum: 1, maximum: 1000 } } },
    { type: 'object', additionalProperties: false, required: ['rate'], properties: { rate: { type: 'number', exclusiveMinimum: 0, maximum: 1 } } },
  ],
};
const newRoundSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'period', 'date'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    period: { enum: [...periodKinds] },
    date: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'A Beijing date inside the period' },
    sample: sampleRule,
    reviewersPerCase: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
    seed: { type: 'integer', minimum: 0, maximum: 4294967295, description: 'Draws this sample again; a random seed is stored when absent' },
  },
};
const sampleSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    reviewerIds: { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1, uniqueItems: true, description: 'Default: every active reviewer' },
  },
};
const assignmentsQuery = { type: 'object', additionalProperties: false, properties: { roundId: { type: 'integer', minimum: 1 } } };

const parseNewRound = bodyValidator<NewRound>(newRoundSchema);
const parseSample = bodyValidator<{ reviewerIds?: number[] }>(sampleSchema);
const parseAssignments = queryValidator<{ roundId?: number }>(assignmentsQuery);

function ratingSchema(indicators: IndicatorSet) {
  const scale = indicators.thirdPartyReview?.scale ?? [];
  return {
    type: 'object',
    additionalProperties: false,
    required: ['level'],
    properties: {
      level: { enum: scale.map((step) => step.level), description: scale.map((step) => `${step.level} ${step.nameZh} = ${step.points}`).join(', ') },
      comment: { type: 'string', maxLength: 500 },
    },
  };
}

function numericId(raw: string, what: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFound(`${what} ${raw} not found`);
  return id;
}

export function reviewRoutes(deps: { db: Database; clock: Clock; blobs: BlobStore; indicators?: IndicatorSet }): Router {
  const { db, clock, blobs } = deps;
  const indicators = deps.indicators ?? loadIndicatorSet();
  const settings = indicators.thirdPartyReview;
  const parseRating = bodyValidator<{ level: string; comment?: string }>(ratingSchema(indicators));
  const router = Router();

  router.get('/review/settings', (_req, res) => {
    requireRole(res, ...organisers, 'reviewer');
    res.json({ scale: settings?.scale ?? [], share: settings?.share ?? 0, defaultSample: settings?.defaultSample ?? null });
  });

  router.get('/review/rounds', async (_req, res) => {
    requireRole(res, ...organisers);
    res.json({ items: await listRounds(db) });
  });

  router.post('/review/rounds', async (req, res) => {
    const principal = requireRole(res, ...organisers);
    const input = parseNewRound(req.body);
    const round = await db.transaction((tx) => openRound(tx, settings, input, { userId: principal.id, at: clock.now() }));
    res.status(201).location(`/api/v1/review/rounds/${round.id}`).json(round);
  });

  router.post('/review/rounds/:id/sample', async (req, res) => {
    requireRole(res, ...organisers);
    const input = parseSample(req.body);
    const id = numericId(req.params.id, 'review round');
    res.json(await db.transaction((tx) => sampleRound(tx, id, input, clock.now())));
  });

  router.post('/review/rounds/:id/close', async (req, res) => {
    requireRole(res, ...organisers);
    const id = numericId(req.params.id, 'review round');
    res.json(await db.transaction((tx) => closeRound(tx, id, clock.now())));
  });

  router.get('/review/rounds/:id/results', async (req, res) => {
    const principal = requireRole(res, ...organisers, ...departmentRoles);
    const id = numericId(req.params.id, 'review round');
    if (hasRole(principal, ...organisers)) return void res.json(await roundResults(db, settings, id));
    if (!principal.departmentId) throw new Forbidden('a department user without a department sees no review results');
    res.json(await roundResults(db, settings, id, { departmentId: principal.departmentId }));
  });

  router.get('/review/assignments', async (req, res) => {
    const principal = requireRole(res, 'reviewer');
    res.json({ items: await myAssignments(db, principal, parseAssignments(req.query)) });
  });

  router.get('/review/assignments/:id', async (req, res) => {
    const principal = requireRole(res, 'reviewer');
    res.json(await assignmentOf(db, principal, numericId(req.params.id, 'review assignment')));
  });

  router.get('/review/assignments/:id/photos/:photoId', async (req, res) => {
    const principal = requireRole(res, 'reviewer');
    const photoId = await assignmentPhotoId(db, principal, numericId(req.params.id, 'review assignment'), req.params.photoId);
    const [photo] = await readAttachments(db, [photoId]);
    if (!photo) throw new NotFound(`photo ${photoId} not found`);
    await sendAttachment(req, res, blobs, photo);
  });

  router.post('/review/assignments/:id/rating', async (req, res) => {
    const principal = requireRole(res, 'reviewer');
    const input = parseRating(req.body);
    const id = numericId(req.params.id, 'review assignment');
    res.status(201).json(await db.transaction((tx) => rateAssignment(tx, settings, principal, id, input, clock.now())));
  });

  return router;
}

export const reviewOperations: Operation[] = [
  { method: 'get', path: '/review/settings', tag: 'review', summary: '第三方考评 settings of the indicators data: the rating scale and its points, the share in department scores, the default sample',
    access: [...organisers, 'reviewer'], responses: { 200: 'The settings', 403: 'Not an organiser or reviewer' } },
  { method: 'get', path: '/review/rounds', tag: 'review', summary: 'Review rounds, latest period first, with their progress',
    access: organisers, responses: { 200: 'The rounds', 403: 'Not an administrator or leader' } },
  { method: 'post', path: '/review/rounds', tag: 'review', summary: 'Open a review round for the period containing date (sample rule, reviewers per case, seed)',
    access: organisers, body: newRoundSchema, responses: { 201: 'The round, open', 403: 'Not an administrator or leader', 409: 'Review not configured', 422: 'Bad name, period, date or sample' } },
  { method: 'post', path: '/review/rounds/{id}/sample', tag: 'review', summary: 'Draw the sample of closed cases (stratified by department, from the stored seed) and assign it to reviewers',
    access: organisers, body: sampleSchema, responses: { 200: 'The round, sampled', 403: 'Not an administrator or leader', 404: 'No such round', 409: 'Sampled or closed already, no closed case or no reviewer', 422: 'A reviewer id that is no active reviewer' } },
  { method: 'post', path: '/review/rounds/{id}/close', tag: 'review', summary: 'Close a sampled round: no more ratings, and its ratings enter the department scores',
    access: organisers, responses: { 200: 'The round, closed', 403: 'Not an administrator or leader', 404: 'No such round', 409: 'Not sampled yet, or closed already' } },
  { method: 'get', path: '/review/rounds/{id}/results', tag: 'review', summary: 'Progress, mean points, ratings per level and comments per department (a department sees its own row)',
    access: [...organisers, ...departmentRoles], responses: { 200: 'The round and its departments', 403: 'Not allowed', 404: 'No such round' } },
  { method: 'get', path: '/review/assignments', tag: 'review', summary: "The caller's cases to rate: case summary, before and after photo ids, the rating once given",
    access: ['reviewer'], query: assignmentsQuery, responses: { 200: 'The assignments, unrated first', 403: 'Not a reviewer' } },
  { method: 'get', path: '/review/assignments/{id}', tag: 'review', summary: 'One of the caller\'s assignments',
    access: ['reviewer'], responses: { 200: 'The assignment', 403: "Another reviewer's", 404: 'No such assignment' } },
  { method: 'get', path: '/review/assignments/{id}/photos/{photoId}', tag: 'review', summary: 'A before or after photo of an assigned case',
    access: ['reviewer'], responses: { 200: { description: 'The photo', contentType: 'image/*' }, 403: "Another reviewer's", 404: 'Not a photo of this case' } },
  { method: 'post', path: '/review/assignments/{id}/rating', tag: 'review', summary: 'Rate an assigned case once (a level of the scale and an optional comment)',
    access: ['reviewer'], body: ratingSchema(loadIndicatorSet()),
    responses: { 201: 'The assignment with its rating', 403: "Another reviewer's", 404: 'No such assignment', 409: 'Rated already, or the round is closed', 422: 'Unknown level or too long a comment' } },
];
