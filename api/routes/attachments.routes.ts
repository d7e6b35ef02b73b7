import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import busboy, { type FileInfo } from 'busboy';
import type { BlobStore, ByteRange } from '../../core/ports/blob-store.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { Database } from '../../core/ports/database.ts';
import { DomainError, Invalid, NotFound } from '../../core/errors.ts';
import { visibleAttachment } from '../../core/attachments/attachment-access.ts';
import { isAttachmentId, recordAttachment, type AttachmentRecord } from '../../core/attachments/attachment-records.ts';
import { mediaLimits } from '../../core/attachments/media-types.ts';
import { receiveUpload, type ReceivedUpload } from '../../core/attachments/receive-upload.ts';
import { ContentTooLarge, UnsupportedMediaType } from '../../core/attachments/upload-errors.ts';
import { principalOf } from '../auth/authenticate.ts';
import { fileUploadBody, type Operation } from '../http/openapi.ts';

/** The largest video plus room for the part's headers and the boundaries. */
const maxRequestBytes = mediaLimits.maxBytes.video + 64 * 1024;

const onePart = () => new Invalid('send exactly one part: the file, in the field "file"', { field: 'file' });

/**
 * Reads a multipart/form-data body whose one part is the file (field "file") into the blob store, checked on
 * the way. Resolves once the whole body is read, so the response never races the client's upload; whatever
 * went wrong, no blob is left behind.
 */
export function receiveSingleFile(req: Request, blobs: BlobStore): Promise<ReceivedUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // A second part of either kind trips filesLimit or fieldsLimit; parts bounds what is parsed after that.
        limits: { files: 1, fields: 0, parts: 2, headerPairs: 20, fileSize: mediaLimits.maxBytes.video + 1 },
      });
    } catch (error) {
      return reject(new Invalid(`the multipart body cannot be read: ${(error as Error).message}`, { field: 'file' }));
    }
    let refusal: Error | undefined;
    let receiving: Promise<ReceivedUpload> | undefined;
    let file: Readable | undefined;
    let settled = false;

    parser.on('file', (name: string, stream: Readable, info: FileInfo) => {
      if (name !== 'file' || receiving) {
        refusal ??= onePart();
        stream.resume();
        return;
      }
      file = stream;
      // Errors reach receiveUpload through the iterator; this keeps one raised after it let go from crashing us.
      stream.on('error', () => undefined);
      receiving = receiveUpload(blobs, {
        content: stream.iterator({ destroyOnReturn: false }),
        declaredType: info.mimeType,
        filename: info.filename ?? null,
      });
      // A refused upload stops reading early; the rest of the part is drained so the parser reaches the end.
      receiving.catch(() => stream.resume());
    });
    for (const limit of ['filesLimit', 'fieldsLimit']) parser.on(limit, () => (refusal ??= onePart()));

    async function settle(failure?: Error) {
      if (settled) return;
      settled = true;
      if (failure) {
        refusal ??= failure;
        file?.destroy(failure);
      }
      const outcome = receiving
        ? await receiving.then((upload) => ({ upload, error: undefined }), (error: unknown) => ({ upload: undefined, error }))
        : { upload: undefined, error: undefined };
      // The upload's own refusal says most; a broken stream is only the echo of a malformed or interrupted body.
      const error =
        (outcome.error instanceof DomainError ? outcome.error : undefined) ??
        refusal ??
        outcome.error ??
        (outcome.upload ? undefined : new Invalid('no file: send it in the field "file"', { field: 'file' }));
      if (!error) return resolve(outcome.upload as ReceivedUpload);
      if (outcome.upload) await blobs.delete(outcome.upload.id);
      reject(error);
    }
    parser.on('close', () => void settle());
    parser.on('error', (error: Error) => void settle(new Invalid(`the multipart body is malformed: ${error.message}`, { field: 'file' })));
    req.on('close', () => {
      if (!req.complete) void settle(new Invalid('the upload was interrupted', { field: 'file' }));
    });
    req.pipe(parser);
  });
}

/** One satisfiable `bytes=` range of a blob of `size` bytes; undefined means the whole blob. */
function requestedRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  // Absent, malformed or several ranges: the whole blob, which RFC 9110 allows.
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, first = '', last = ''] = match;
  const range =
    first === ''
      ? { start: Math.max(0, size - Number(last)), end: size - 1 }
      : { start: Number(first), end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
  return range.start > range.end || range.start >= size ? 'unsatisfiable' : range;
}

function describe(attachment: AttachmentRecord) {
  return {
    id: attachment.id,
    contentType: attachment.contentType,
    size: attachment.size,
    sha256: attachment.sha256,
    ...(attachment.width !== null && attachment.height !== null ? { width: attachment.width, height: attachment.height } : {}),
  };
}

export async function sendAttachment(req: Request, res: Response, blobs: BlobStore, attachment: AttachmentRecord): Promise<void> {
  res.set({
    'Content-Type': attachment.contentType,
    'Content-Disposition': 'inline',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, max-age=86400',
    'Accept-Ranges': 'bytes',
    ETag: `"${attachment.sha256}"`,
  });
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  const range = requestedRange(req.get('range'), attachment.size);
  if (range === 'unsatisfiable') {
    res.set('Content-Range', `bytes */${attachment.size}`);
    res.status(416).end();
    return;
  }
  const blob = await blobs.get(attachment.id, range);
  if (!blob) throw new Error(`attachment ${attachment.id} has a row but no stored content`);
  if (range) {
    res.status(206).set('Content-Range', `bytes ${range.start}-${range.end}/${attachment.size}`);
  }
  res.set('Content-Length', String(range ? range.end - range.start + 1 : blob.size));
  // Once the headers are out an error cannot become a problem response; cutting the connection tells the client.
  await pipeline(blob.stream, res).catch(() => res.destroy());
}

export function attachmentRoutes(deps: { db: Database; blobs: BlobStore; clock: Clock }): Router {
  const { db, blobs, clock } = deps;
  const router = Router();

  router.post('/attachments', async (req, res) => {
    const principal = principalOf(res);
    if (!req.is('multipart/form-data')) {
      throw new UnsupportedMediaType('send the file as multipart/form-data, in the field "file"', { field: 'file' });
    }
    if (Number(req.get('content-length')) > maxRequestBytes) {
      // Refused before reading: closing the connection spares reading the body only to throw it away.
      res.set('Connection', 'close');
      throw new ContentTooLarge(`an upload may be at most ${mediaLimits.maxBytes.video / 1024 / 1024} MB`, { field: 'file' });
    }
    const upload = await receiveSingleFile(req, blobs);
    let attachment: AttachmentRecord;
    try {
      attachment = await recordAttachment(db, principal, upload, clock.now());
    } catch (error) {
      await blobs.delete(upload.id);
      throw error;
    }
    res.status(201).location(`/api/v1/attachments/${attachment.id}`).json(describe(attachment));
  });

  router.get('/attachments/:id', async (req, res) => {
    const principal = principalOf(res);
    const id = req.params.id;
    if (!isAttachmentId(id)) throw new NotFound(`attachment ${id} not found`);
    await sendAttachment(req, res, blobs, await visibleAttachment(db, principal, id));
  });

  return router;
}

const attachmentSchema = {
  type: 'object',
  required: ['id', 'contentType', 'size', 'sha256'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    contentType: { enum: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'video/mp4', 'video/quicktime'] },
    size: { type: 'integer' },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    width: { type: 'integer', description: 'images only, from the header' },
    height: { type: 'integer', description: 'images only, from the header' },
  },
};

export const attachmentOperations: Operation[] = [
  {
    method: 'post',
    path: '/attachments',
    tag: 'attachments',
    summary:
      'Upload one photo (JPEG, PNG, WebP, HEIC; at most 10 MB and 40 megapixels) or video (MP4, MOV; at most 100 MB) as ' +
      'multipart/form-data in the field "file". The type is read from the bytes; a file whose bytes contradict its ' +
      'Content-Type or extension is refused. A case refers to it by id (attachmentIds).',
    access: 'signed-in',
    body: fileUploadBody,
    bodyContentType: 'multipart/form-data',
    responses: {
      201: { description: 'Stored', schema: attachmentSchema },
      413: 'Too many bytes, or an image with too many pixels',
      415: 'Not a supported photo or video, or mislabelled',
      422: 'No file, more than one part, or a malformed body',
    },
  },
  {
    method: 'get',
    path: '/attachments/{id}',
    tag: 'attachments',
    summary: 'The stored bytes (single byte ranges supported). For the uploader and whoever may see a case it belongs to.',
    access: 'signed-in',
    responses: {
      200: { description: 'The photo or video, inline, ETag = sha256', contentType: 'application/octet-stream', schema: { type: 'string', format: 'binary' } },
      206: 'The requested byte range',
      304: 'Not modified (If-None-Match)',
      403: 'Neither the uploader nor in scope of a case it belongs to',
      404: 'Unknown attachment',
      416: 'The range lies outside the file',
    },
  },
];
