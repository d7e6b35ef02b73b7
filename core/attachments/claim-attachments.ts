import type { Sql } from '../ports/database.ts';
import { Invalid } from '../errors.ts';
import type { Principal } from '../identity/roles.ts';
import { ownedBy, readAttachments } from './attachment-records.ts';

/**
 * Links uploaded attachments to a case, in the caller's transaction. Each id must name an attachment the
 * principal uploaded that is on no other case, or one already on this case (a repeated request). Anything else
 * is Invalid naming `attachmentIds`, so nobody can put someone else's photo on a case by guessing its id.
 * Returns the ids as stored (lower-case, each once), which is how the case and its history should list them.
 */
export async function claimAttachments(sql: Sql, principal: Principal, ids: readonly string[], caseId: string): Promise<string[]> {
  const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (wanted.length === 0) return [];
  const found = new Map((await readAttachments(sql, wanted, { forUpdate: true })).map((a) => [a.id, a]));
  for (const id of wanted) {
    const attachment = found.get(id);
    const claimable = attachment && (attachment.caseId === caseId || (attachment.caseId === null && ownedBy(attachment, principal)));
    if (!claimable) {
      throw new Invalid(`attachment ${id} is unknown, or not yours to attach to this case`, { field: 'attachmentIds' });
    }
  }
  await sql.query('UPDATE attachment SET case_id = $2 WHERE id = ANY($1::uuid[]) AND case_id IS NULL', [wanted, caseId]);
  return wanted;
}
