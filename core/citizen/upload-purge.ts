import type { BlobStore } from '../ports/blob-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { Database } from '../ports/database.ts';
import { startPeriodic } from '../jobs/periodic.ts';

const hour = 3600_000;
const batch = 200;

/**
 * Removes anonymous citizen photos that were never put on a report and can no longer be: a stranger's picture of
 * a street should not be kept for nobody. The row stays until its upload has left the hourly rate-limit window
 * too, since that limit counts these rows. Rows go first, in one transaction; blobs after, so a crash leaves at
 * worst an orphan file, never a row pointing at nothing. Answers how many photos were removed.
 */
export async function purgeUnclaimedUploads(db: Database, blobs: BlobStore, now: Date, limit = batch): Promise<number> {
  const ids = await db.transaction(async (sql) => {
    const { rows } = await sql.query<{ id: string }>(
      `SELECT a.id::text AS id FROM citizen_upload u JOIN attachment a ON a.id = u.attachment_id
        WHERE u.expires_at < $1 AND u.uploaded_at < $2 AND a.case_id IS NULL
        ORDER BY u.expires_at LIMIT $3 FOR UPDATE OF a SKIP LOCKED`,
      [now, new Date(now.getTime() - hour), limit],
    );
    const found = rows.map((row) => row.id);
    if (found.length > 0) {
      await sql.query('DELETE FROM citizen_upload WHERE attachment_id = ANY($1::uuid[])', [found]);
      await sql.query('DELETE FROM attachment WHERE id = ANY($1::uuid[]) AND case_id IS NULL', [found]);
    }
    return found;
  });
  for (const id of ids) await blobs.delete(id);
  return ids.length;
}

export interface UploadPurgeOptions {
  db: Database;
  blobs: BlobStore;
  clock: Clock;
  intervalMs?: number;
  onPurged?: (count: number) => void;
  onError?: (error: unknown) => void;
}

/** Purges every `intervalMs` (default ten minutes) until stopped. */
export function startUploadPurge(options: UploadPurgeOptions): () => Promise<void> {
  return startPeriodic(
    async () => {
      const removed = await purgeUnclaimedUploads(options.db, options.blobs, options.clock.now());
      if (removed > 0) options.onPurged?.(removed);
      return removed === batch;
    },
    { intervalMs: options.intervalMs ?? 600_000, onError: options.onError },
  );
}
