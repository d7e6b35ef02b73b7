import { json, type Sql } from '../ports/database.ts';
import { Forbidden, NotFound } from '../errors.ts';
import { caseScopeCondition } from '../access/case-scope.ts';
import type { Principal } from '../identity/roles.ts';
import { ownedBy, readAttachments, type AttachmentRecord } from './attachment-records.ts';

/**
 * The attachment, if the caller may see it: its uploader, or anyone whose case scope includes a case it belongs
 * to (linked on intake, listed on the case, or on one of its history rows). Unknown ids are NotFound; others
 * are Forbidden without saying which case they belong to.
 */
export async function visibleAttachment(sql: Sql, principal: Principal, id: string): Promise<AttachmentRecord> {
  const [attachment] = await readAttachments(sql, [id]);
  if (!attachment) throw new NotFound(`attachment ${id} not found`);
  if (ownedBy(attachment, principal)) return attachment;
  // One query over every case that refers to it, with the same scope rule as assertCaseInScope.
  const params: unknown[] = [attachment.caseId, json([attachment.id])];
  const inScope = caseScopeCondition(principal, params);
  const { rows } = await sql.query<{ visible: boolean | null }>(
    `SELECT bool_or(${inScope}) AS visible FROM "case" c
      WHERE c.id = $1
         OR c.attachments @> $2::jsonb
         OR c.id IN (SELECT e.case_id FROM case_event e WHERE e.attachments @> $2::jsonb)`,
    params as never,
  );
  if (!rows[0]?.visible) throw new Forbidden('this attachment belongs to no case in your scope');
  return attachment;
}
