import { randomUUID } from 'node:crypto';
import { json, type Sql } from '../../ports/database.ts';
import { Invalid } from '../../errors.ts';
import type { Actor, AreaGrade, CaseRecord, CaseSource, Urgency } from '../case-types.ts';
import type { CaseClassRules, ClassKind } from '../deps.ts';
import { readCase } from '../case-store.ts';
import { appendCaseEvent } from '../history.ts';
import { caseStatus } from '../statuses.ts';

export interface ReportInput {
  /** Given when the caller needs the id first (the workflow instance's business key); a new UUID otherwise. */
  id?: string;
  source: CaseSource;
  classScheme: string;
  classCode: string;
  /** Needed only when the code names both a component and an event class. */
  classKind?: ClassKind;
  description: string;
  location: { lng: number; lat: number };
  address?: string | null;
  /** Where the location was placed (the API locates the unit grid before reporting). */
  gridCode?: string | null;
  street?: string | null;
  community?: string | null;
  areaGrade?: AreaGrade;
  urgency?: Urgency;
  attachmentIds?: string[];
  reporter?: Record<string, unknown>;
  actor: Actor;
  at: Date;
}

const sources: readonly CaseSource[] = ['collector', 'hotline', 'citizen', 'wechat', 'video', 'iot', 'app'];

// Case numbers follow the command centre's day (China Standard Time, no daylight saving).
export const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function nextCaseNumber(sql: Sql, at: Date): Promise<string> {
  const day = chinaDay(at);
  const { rows } = await sql.query<{ last_seq: number }>(
    `INSERT INTO case_number_sequence (day, last_seq) VALUES ($1, 1)
     ON CONFLICT (day) DO UPDATE SET last_seq = case_number_sequence.last_seq + 1
     RETURNING last_seq`,
    [day],
  );
  return day.replaceAll('-', '') + String(rows[0]?.last_seq).padStart(5, '0');
}

function validate(input: ReportInput, rules: CaseClassRules) {
  if (!sources.includes(input.source)) throw new Invalid(`unknown source "${input.source}"`, { field: 'source' });
  const { lng, lat } = input.location;
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw new Invalid('longitude must be between -180 and 180', { field: 'location.lng' });
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new Invalid('latitude must be between -90 and 90', { field: 'location.lat' });
  return rules.resolveClass(input.classScheme, input.classCode, input.classKind);
}

/** 上报: creates the case in status `reported` with its first history row. */
export async function reportCase(sql: Sql, input: ReportInput, deps: { rules: CaseClassRules }): Promise<CaseRecord> {
  const cls = validate(input, deps.rules);
  const id = input.id ?? randomUUID();
  const status = caseStatus('reported');
  await sql.query(
    `INSERT INTO "case" (id, case_number, source, class_scheme, class_code, class_name, class_kind, description, lng, lat,
                         address, grid_code, street, community, area_grade, urgency, status, status_kind, reporter,
                         attachments, reported_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19::jsonb, $20::jsonb, $21, $21)`,
    [
      id,
      await nextCaseNumber(sql, input.at),
      input.source,
      cls.scheme,
      cls.code,
      cls.name,
      cls.kind,
      input.description,
      input.location.lng,
      input.location.lat,
      input.address ?? null,
      input.gridCode ?? null,
      input.street ?? null,
      input.community ?? null,
      input.areaGrade ?? 'B',
      input.urgency ?? 'normal',
      status.id,
      status.kind,
      json(input.reporter ?? {}),
      json(input.attachmentIds ?? []),
      input.at,
    ],
  );
  await appendCaseEvent(sql, {
    caseId: id,
    at: input.at,
    actor: input.actor,
    action: 'report',
    fromStatus: null,
    toStatus: status.id,
    comment: input.description,
    attachments: input.attachmentIds,
    data: { source: input.source, classCode: input.classCode },
  });
  return readCase(sql, id);
}
