import type { Database, Sql } from '../ports/database.ts';
import { Invalid } from '../errors.ts';
import { recordAttachment, type AttachmentRecord } from '../attachments/attachment-records.ts';
import type { ReceivedUpload } from '../attachments/receive-upload.ts';
import type { CitizenLimits } from './citizen-rules.ts';
import type { CitizenReporter } from './citizen-reporter.ts';
import { TooManyReports } from './citizen-errors.ts';

const hour = 3600_000;

/**
 * Records a photo from the citizen page. An anonymous one is tied to the device that sent it and usable for
 * `uploadClaimMinutes`: every anonymous photo belongs to the same channel, so without the tie anyone who learnt an
 * id could put it on their own report. An address over its hourly upload limit stores nothing.
 */
export async function recordCitizenUpload(
  db: Database,
  reporter: CitizenReporter,
  upload: ReceivedUpload,
  now: Date,
  limits: CitizenLimits,
): Promise<AttachmentRecord & { usableUntil: string | null }> {
  if (reporter.userId !== null) return { ...(await recordAttachment(db, reporter.principal, upload, now)), usableUntil: null };
  return db.transaction(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`citizen-upload:${reporter.ip}`]);
    const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM citizen_upload WHERE ip = $1 AND uploaded_at > $2', [
      reporter.ip,
      new Date(now.getTime() - hour),
    ]);
    if ((rows[0]?.n ?? 0) >= limits.uploadsPerAddressPerHour) {
      throw new TooManyReports(`at most ${limits.uploadsPerAddressPerHour} photos an hour from one address: try again later`, {
        extra: { retryAfterSeconds: 3600 },
      });
    }
    const attachment = await recordAttachment(sql, reporter.principal, upload, now);
    const usableUntil = new Date(now.getTime() + limits.uploadClaimMinutes * 60_000);
    await sql.query('INSERT INTO citizen_upload (attachment_id, device_hash, ip, uploaded_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      attachment.id,
      reporter.deviceHash,
      reporter.ip,
      now,
      usableUntil,
    ]);
    return { ...attachment, usableUntil: usableUntil.toISOString() };
  });
}

/**
 * In the report's transaction: each anonymous photo must come from this device and still be usable. (Ownership
 * and "not on another case" are claimAttachments' checks, which the intake runs too.)
 */
export async function assertUploadsUsable(sql: Sql, reporter: CitizenReporter, ids: readonly string[], now: Date): Promise<void> {
  if (reporter.userId !== null || ids.length === 0) return;
  const { rows } = await sql.query<{ attachment_id: string }>(
    'SELECT attachment_id::text FROM citizen_upload WHERE attachment_id = ANY($1::uuid[]) AND device_hash = $2 AND expires_at > $3',
    [ids.map((id) => id.toLowerCase()), reporter.deviceHash, now],
  );
  const usable = new Set(rows.map((row) => row.attachment_id));
  const refused = ids.find((id) => !usable.has(id.toLowerCase()));
  if (refused) throw new Invalid(`photo ${refused} was not uploaded from this device, or is too old to use: upload it again`, { field: 'attachmentIds' });
}
