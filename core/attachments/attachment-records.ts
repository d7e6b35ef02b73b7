import type { Sql } from '../ports/database.ts';
import type { Principal } from '../identity/roles.ts';
import type { ReceivedUpload } from './receive-upload.ts';

export interface AttachmentRecord {
  id: string;
  ownerKind: Principal['kind'];
  ownerId: number;
  contentType: string;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  caseId: string | null;
  createdAt: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Attachment ids are UUIDs; anything else names no attachment (and must not reach a uuid column as an error). */
export function isAttachmentId(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}

export function ownedBy(attachment: AttachmentRecord, principal: Principal): boolean {
  return attachment.ownerKind === principal.kind && attachment.ownerId === principal.id;
}

type Row = Record<string, unknown>;

function toRecord(row: Row): AttachmentRecord {
  return {
    id: String(row.id),
    ownerKind: row.owner_kind as Principal['kind'],
    ownerId: Number(row.owner_id),
    contentType: String(row.content_type),
    size: Number(row.size),
    sha256: String(row.sha256),
    width: row.width === null ? null : Number(row.width),
    height: row.height === null ? null : Number(row.height),
    caseId: (row.case_id as string | null) ?? null,
    createdAt: (row.created_at instanceof Date ? row.created_at : new Date(String(row.created_at))).toISOString(),
  };
}

export async function recordAttachment(sql: Sql, owner: Principal, upload: ReceivedUpload, at: Date): Promise<AttachmentRecord> {
  const { rows } = await sql.query<Row>(
    `INSERT INTO attachment (id, owner_kind, owner_id, content_type, size, sha256, width, height, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [upload.id, owner.kind, owner.id, upload.contentType, upload.size, upload.sha256, upload.dimensions?.width ?? null,
      upload.dimensions?.height ?? null, at],
  );
  return toRecord(rows[0] as Row);
}

/** The attachments among `ids` that exist; `forUpdate` locks them until the caller's transaction ends. */
export async function readAttachments(sql: Sql, ids: readonly string[], options: { forUpdate?: boolean } = {}): Promise<AttachmentRecord[]> {
  const known = ids.filter(isAttachmentId);
  if (known.length === 0) return [];
  const { rows } = await sql.query<Row>(
    `SELECT * FROM attachment WHERE id = ANY($1::uuid[])${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [known],
  );
  return rows.map(toRecord);
}
