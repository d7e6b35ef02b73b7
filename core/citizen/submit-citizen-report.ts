import type { Sql } from '../ports/database.ts';
import { Invalid } from '../errors.ts';
import { distanceMetres, type Position } from '../geo/index.ts';
import { toWgs84, type ReportedLocation } from '../grids/coordinates.ts';
import { submitReport, type SubmitReportDeps } from '../case/submit-report.ts';
import type { CitizenRules } from './citizen-rules.ts';
import type { CitizenReporter } from './citizen-reporter.ts';
import { assertUploadsUsable } from './citizen-uploads.ts';
import { TooManyReports } from './citizen-errors.ts';
import { newTrackingCode } from './tracking-code.ts';

export interface CitizenReportInput {
  /** A class of the citizen picker (standards/datasets/citizen-points). */
  classCode: string;
  description?: string;
  location: ReportedLocation;
  address?: string;
  attachmentIds?: string[];
  contactPhone?: string;
  /** The component a QR code named (部件二维码): stored on the case; its own class may be reported. */
  componentCode?: string;
}

export interface CitizenReportReceipt {
  trackingCode: string;
  /** True when this device had just reported the same problem: the earlier report's code, no new case. */
  duplicate: boolean;
}

const hour = 3600_000;

/** Whose reports the per-reporter limit counts: the account when signed in, the device otherwise. */
function reporterKey(reporter: CitizenReporter): { column: 'user_id' | 'device_hash'; value: string } {
  return reporter.userId !== null ? { column: 'user_id', value: String(reporter.userId) } : { column: 'device_hash', value: reporter.deviceHash ?? '' };
}

async function enforceRateLimits(sql: Sql, rules: CitizenRules, reporter: CitizenReporter, now: Date): Promise<void> {
  const since = new Date(now.getTime() - hour);
  const key = reporterKey(reporter);
  const { rows } = await sql.query<{ by_reporter: number; by_address: number }>(
    `SELECT count(*) FILTER (WHERE ${key.column}::text = $1)::int AS by_reporter, count(*) FILTER (WHERE ip = $2)::int AS by_address
       FROM citizen_report WHERE reported_at > $3 AND (${key.column}::text = $1 OR ip = $2)`,
    [key.value, reporter.ip, since],
  );
  const counts = rows[0] ?? { by_reporter: 0, by_address: 0 };
  const { reportsPerDevicePerHour, reportsPerAddressPerHour } = rules.limits;
  if (counts.by_reporter >= reportsPerDevicePerHour || counts.by_address >= reportsPerAddressPerHour) {
    const limit = counts.by_reporter >= reportsPerDevicePerHour ? `${reportsPerDevicePerHour} from one phone` : `${reportsPerAddressPerHour} from one address`;
    throw new TooManyReports(`at most ${limit} an hour: try again later`, { extra: { retryAfterSeconds: 3600 } });
  }
}

/** The tracking code of this reporter's open report of the same class close by, made a short while ago. */
async function recentDuplicate(sql: Sql, rules: CitizenRules, reporter: CitizenReporter, classCode: string, point: Position, now: Date) {
  const { duplicateRadiusMetres, duplicateWindowMinutes } = rules.limits;
  if (duplicateWindowMinutes === 0) return null;
  const key = reporterKey(reporter);
  const { rows } = await sql.query<{ tracking_code: string; lng: number; lat: number }>(
    `SELECT r.tracking_code, r.lng, r.lat FROM citizen_report r JOIN "case" c ON c.id = r.case_id
      WHERE r.${key.column}::text = $1 AND r.class_code = $2 AND r.reported_at > $3 AND c.status_kind IN ('open', 'suspended')
      ORDER BY r.reported_at DESC`,
    [key.value, classCode, new Date(now.getTime() - duplicateWindowMinutes * 60_000)],
  );
  return rows.find((row) => distanceMetres([Number(row.lng), Number(row.lat)], point) <= duplicateRadiusMetres)?.tracking_code ?? null;
}

interface ReportedComponent {
  code: string;
  scheme: 'gbt47678' | 'legacy';
  classCode: string;
}

async function reportedComponent(sql: Sql, code: string): Promise<ReportedComponent> {
  const { rows } = await sql.query<{ id: string; scheme: 'gbt47678' | 'legacy'; class_code: string }>(
    'SELECT id, scheme, class_code FROM component WHERE id = $1',
    [code],
  );
  const found = rows[0];
  if (!found) throw new Invalid(`no component with code ${code}: scan its QR code again or leave it out`, { field: 'componentCode' });
  return { code: found.id, scheme: found.scheme, classCode: found.class_code };
}

/**
 * The class reported: one of the citizen picker, or (from a component's QR code) the component's own class, which
 * names the problem exactly even when the picker has no plain-language entry for it.
 */
function reportedClass(deps: SubmitReportDeps, rules: CitizenRules, classCode: string, component: ReportedComponent | null) {
  if (component && classCode === component.classCode) {
    const cls = deps.rules.resolveClass(component.scheme, classCode, 'component');
    return { scheme: component.scheme, kind: 'component' as const, classCode, plainZh: cls.name };
  }
  const picked = rules.classOf(classCode);
  if (!picked) throw new Invalid(`class ${classCode} is not one citizens can report: pick one from the list`, { field: 'classCode' });
  return { scheme: rules.scheme, ...picked };
}

/**
 * 市民随手拍: a report from the citizen page becomes a case through the same intake as every channel, with its
 * tracking code written in the case's transaction. Limits are checked once up front (so a flood costs little) and
 * again under a lock per reporter and address inside the transaction (so two reports at once cannot both slip in).
 */
export async function submitCitizenReport(
  deps: SubmitReportDeps,
  rules: CitizenRules,
  reporter: CitizenReporter,
  input: CitizenReportInput,
): Promise<CitizenReportReceipt> {
  const component = input.componentCode ? await reportedComponent(deps.db, input.componentCode) : null;
  const picked = reportedClass(deps, rules, input.classCode, component);
  const point = toWgs84(input.location);
  const now = deps.clock.now();
  const duplicate = await recentDuplicate(deps.db, rules, reporter, input.classCode, point, now);
  if (duplicate) return { trackingCode: duplicate, duplicate: true };
  await enforceRateLimits(deps.db, rules, reporter, now);

  const trackingCode = newTrackingCode();
  const attachmentIds = input.attachmentIds ?? [];
  await submitReport(
    deps,
    reporter.principal,
    {
      source: 'citizen',
      classScheme: picked.scheme,
      classKind: picked.kind,
      classCode: picked.classCode,
      description: input.description?.trim() || `市民随手拍：${picked.plainZh}${component ? `（部件 ${component.code}）` : ''}`,
      location: input.location,
      address: input.address,
      attachmentIds,
      reporter: {
        channel: 'citizen-page',
        ...(input.contactPhone ? { phone: input.contactPhone } : {}),
      },
    },
    async (sql, caseId) => {
      const key = reporterKey(reporter);
      await sql.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`citizen-report:${key.column}:${key.value}`]);
      await sql.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`citizen-report:ip:${reporter.ip}`]);
      await enforceRateLimits(sql, rules, reporter, now);
      await assertUploadsUsable(sql, reporter, attachmentIds, now);
      await sql.query(
        `INSERT INTO citizen_report (tracking_code, case_id, user_id, device_hash, ip, class_code, lng, lat, reported_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [trackingCode, caseId, reporter.userId, reporter.deviceHash, reporter.ip, picked.classCode, point[0], point[1], now],
      );
      if (component) await sql.query('UPDATE "case" SET component_id = $2 WHERE id = $1', [caseId, component.code]);
    },
  );
  return { trackingCode, duplicate: false };
}
