import { Router, type Request, type Response } from 'express';
import { NotFound } from '../../core/errors.ts';
import type { BlobStore } from '../../core/ports/blob-store.ts';
import type { StandardsCatalog } from '../../core/ports/standards.ts';
import type { SubmitReportDeps } from '../../core/case/submit-report.ts';
import { readAttachments } from '../../core/attachments/attachment-records.ts';
import { mediaLimits } from '../../core/attachments/media-types.ts';
import { ContentTooLarge, UnsupportedMediaType } from '../../core/attachments/upload-errors.ts';
import { loadCitizenRules } from '../../core/citizen/citizen-rules.ts';
import { citizenReporter } from '../../core/citizen/citizen-reporter.ts';
import { recordCitizenUpload } from '../../core/citizen/citizen-uploads.ts';
import { submitCitizenReport, type CitizenReportInput } from '../../core/citizen/submit-citizen-report.ts';
import { citizenReports, isResultPhoto, publicReport, rateReport } from '../../core/citizen/public-report.ts';
import { pointsLedger } from '../../core/citizen/citizen-points.ts';
import type { Principal } from '../../core/identity/roles.ts';
import { requireRole } from '../auth/authenticate.ts';
import { fileUploadBody, type Operation } from '../http/openapi.ts';
import { bodyValidator } from '../http/validate.ts';
import { reportSchema } from './cases.routes.ts';
import { receiveSingleFile, sendAttachment } from './attachments.routes.ts';

const fields = reportSchema.properties;

const citizenReportSchema = {
  type: 'object',
  required: ['classCode', 'location'],
  additionalProperties: false,
  properties: {
    classCode: fields.classCode,
    description: { type: 'string', maxLength: 1000 },
    location: fields.location,
    address: fields.address,
    attachmentIds: { ...fields.attachmentIds, maxItems: 9 },
    contactPhone: fields.reporter.properties.phone,
    componentCode: { type: 'string', pattern: '^[0-9]{17}$', description: '部件二维码: the component the report is about; its class may then be the component\'s own' },
  },
};

const ratingSchema = {
  type: 'object',
  required: ['score'],
  additionalProperties: false,
  properties: { score: { type: 'integer', minimum: 1, maximum: 5 }, comment: { type: 'string', maxLength: 500 } },
};

const parseReport = bodyValidator<CitizenReportInput>(citizenReportSchema);
const parseRating = bodyValidator<{ score: number; comment?: string }>(ratingSchema);

export interface CitizenRoutesDeps extends SubmitReportDeps {
  catalog: StandardsCatalog;
  blobs: BlobStore;
}

const maxUploadBytes = mediaLimits.maxBytes.image + 64 * 1024;

export function citizenRoutes(deps: CitizenRoutesDeps): Router {
  const router = Router();
  const rules = loadCitizenRules(deps.catalog);
  const reporterOf = (req: Request, res: Response) =>
    citizenReporter(deps.db, res.locals.principal as Principal | undefined, req.get('x-device-id'), req.ip ?? 'unknown');

  router.get('/public/citizen-classes', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json({ items: rules.classes.map(({ kind, classCode, plainZh, plainEn }) => ({ kind, classCode, plainZh, plainEn })) });
  });

  router.post('/public/attachments', async (req, res) => {
    const reporter = await reporterOf(req, res);
    if (!req.is('multipart/form-data')) throw new UnsupportedMediaType('send the photo as multipart/form-data, in the field "file"', { field: 'file' });
    // A photo is at most 10 MB: a body that says it is larger, or will not say, is refused before it is read.
    const length = Number(req.get('content-length'));
    if (!Number.isFinite(length) || length > maxUploadBytes) {
      res.set('Connection', 'close');
      throw new ContentTooLarge(`a photo may be at most ${mediaLimits.maxBytes.image / 1024 / 1024} MB, sent with its Content-Length`, { field: 'file' });
    }
    const upload = await receiveSingleFile(req, deps.blobs);
    try {
      if (!upload.contentType.startsWith('image/')) throw new UnsupportedMediaType('the citizen page takes photos only', { field: 'file' });
      const stored = await recordCitizenUpload(deps.db, reporter, upload, deps.clock.now(), rules.limits);
      res.status(201).json({ id: stored.id, contentType: stored.contentType, size: stored.size, usableUntil: stored.usableUntil });
    } catch (error) {
      await deps.blobs.delete(upload.id);
      throw error;
    }
  });

  router.post('/public/reports', async (req, res) => {
    const reporter = await reporterOf(req, res);
    const receipt = await submitCitizenReport(deps, rules, reporter, parseReport(req.body));
    res.status(receipt.duplicate ? 200 : 201).location(`/api/v1/public/reports/${receipt.trackingCode}`).json(receipt);
  });

  router.get('/public/reports/:code', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await publicReport(deps.db, req.params.code));
  });

  router.get('/public/reports/:code/photos/:id', async (req, res) => {
    if (!(await isResultPhoto(deps.db, req.params.code, req.params.id))) throw new NotFound('no such result photo on this report');
    const [attachment] = await readAttachments(deps.db, [req.params.id]);
    if (!attachment) throw new NotFound('no such result photo on this report');
    await sendAttachment(req, res, deps.blobs, attachment);
  });

  router.post('/public/reports/:code/rating', async (req, res) => {
    const rating = parseRating(req.body);
    const caller = res.locals.principal as Principal | undefined;
    await deps.db.transaction((sql) => rateReport(sql, req.params.code, rating, deps.clock.now(), caller?.kind === 'user' ? caller.id : null));
    res.status(201).json(await publicReport(deps.db, req.params.code));
  });

  router.get('/citizen/reports', async (_req, res) => {
    const citizen = requireRole(res, 'citizen');
    res.json({ items: await citizenReports(deps.db, citizen.id) });
  });

  router.get('/citizen/points', async (_req, res) => {
    const citizen = requireRole(res, 'citizen');
    res.json(await pointsLedger(deps.db, citizen.id));
  });

  return router;
}

const limited = { 429: 'Too many reports or photos from this phone or address (problem+json, retryAfterSeconds)' };

export const citizenOperations: Operation[] = [
  { method: 'get', path: '/public/citizen-classes', tag: 'citizen', summary: '随手拍 The classes citizens pick from, with plain-language names', access: 'public',
    responses: { 200: '{ items: [{ kind, classCode, plainZh, plainEn }] }' } },
  { method: 'post', path: '/public/attachments', tag: 'citizen',
    summary: 'Upload one photo (JPEG, PNG, WebP, HEIC; at most 10 MB) as multipart/form-data field "file". Without an account send X-Device-Id: the photo is usable only by that device, for an hour.',
    access: 'public', body: fileUploadBody, bodyContentType: 'multipart/form-data', responses: { 201: '{ id, contentType, size, usableUntil }', 413: 'Too large', 415: 'Not a photo', 422: 'Bad multipart body or device id', ...limited } },
  { method: 'post', path: '/public/reports', tag: 'citizen',
    summary: '市民随手拍 Report a problem without an account (X-Device-Id) or as a signed-in citizen (earns points when registered); answers a tracking code. The same device reporting the same class close by gets the earlier code (200, duplicate: true).',
    access: 'public', body: citizenReportSchema,
    responses: { 201: '{ trackingCode, duplicate: false }', 200: '{ trackingCode, duplicate: true }', 403: 'Anonymous reporting switched off', 422: 'Unknown class or component, outside the city, bad coordinates or photo', ...limited } },
  { method: 'get', path: '/public/reports/{code}', tag: 'citizen', summary: 'A report by its tracking code: stage, timeline, public notes, result photos; nothing about staff or the reporter',
    access: 'public', responses: { 200: 'The report as the public sees it', 404: 'Unknown tracking code' } },
  { method: 'get', path: '/public/reports/{code}/photos/{id}', tag: 'citizen', summary: 'A result photo of the report',
    access: 'public', responses: { 200: { description: 'The photo', contentType: 'application/octet-stream', schema: { type: 'string', format: 'binary' } }, 404: 'Not a result photo of this report' } },
  { method: 'post', path: '/public/reports/{code}/rating', tag: 'citizen', summary: '满意度评价 Rate a closed report 1–5, once; recorded in the case history',
    access: 'public', body: ratingSchema, responses: { 201: 'The report with its rating', 404: 'Unknown tracking code', 409: 'Not closed yet, or already rated', 422: 'Bad score' } },
  { method: 'get', path: '/citizen/reports', tag: 'citizen', summary: 'The signed-in citizen\'s reports with their tracking codes', access: ['citizen'], responses: { 200: '{ items }' } },
  { method: 'get', path: '/citizen/points', tag: 'citizen', summary: '有奖举报 The signed-in citizen\'s points: balance and ledger', access: ['citizen'], responses: { 200: '{ balance, entries }' } },
];
