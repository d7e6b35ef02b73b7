import { randomUUID } from 'node:crypto';
import type { Clock } from '../ports/clock.ts';
import type { Database, Sql } from '../ports/database.ts';
import type { WorkflowEngine } from '../ports/engine.ts';
import { Forbidden, Invalid } from '../errors.ts';
import { toWgs84, type ReportedLocation } from '../grids/coordinates.ts';
import { locateResponsibilityGrids, locateUnitGrid } from '../grids/locate.ts';
import { hasRole, type Principal } from '../identity/roles.ts';
import type { CaseRecord, CaseSource, Urgency } from './case-types.ts';
import type { CaseClassRules, ClassKind } from './deps.ts';
import { reportCase } from './actions/report.ts';
import { readCase } from './case-store.ts';

export interface SubmittedReport {
  source: CaseSource;
  classScheme?: 'gbt47678' | 'legacy';
  classKind?: ClassKind;
  classCode: string;
  description: string;
  location: ReportedLocation;
  address?: string;
  urgency?: Urgency;
  attachmentIds?: string[];
  /** The reporter's contact, as given (a citizen's name and phone, a caller's number and call id). */
  reporter?: Record<string, unknown>;
}

export interface SubmitReportDeps {
  db: Database;
  engine: WorkflowEngine;
  clock: Clock;
  rules: CaseClassRules;
  processId?: string;
  claimAttachments?: (sql: Sql, principal: Principal, ids: string[], caseId: string) => Promise<void>;
}

/** Which sources a caller may report from: a collector reports as a collector, a machine channel as itself. */
function checkSource(principal: Principal, source: CaseSource): void {
  if (principal.kind === 'api-key') {
    const channelSources: Record<string, CaseSource[]> = {
      video: ['video'], iot: ['iot'], hotline: ['hotline'], wechat: ['wechat'], app: ['app', 'citizen'], open311: ['app', 'citizen'],
    };
    if (!(channelSources[principal.channel ?? ''] ?? []).includes(source)) {
      throw new Forbidden(`an API key of channel "${principal.channel}" cannot report from source "${source}"`);
    }
    return;
  }
  if (hasRole(principal, 'acceptor', 'shift-leader', 'dispatcher', 'admin')) return;
  if (hasRole(principal, 'collector') && source === 'collector') return;
  if (hasRole(principal, 'citizen') && ['citizen', 'app', 'wechat'].includes(source)) return;
  throw new Forbidden(
    hasRole(principal, 'collector', 'citizen') ? `you cannot report from source "${source}"` : 'your role does not report cases',
  );
}

/**
 * 上报: places the report in its unit grid, then creates the case and starts its lifecycle in one transaction (a
 * report outside every grid, or with an unknown class, writes nothing).
 */
export async function submitReport(
  deps: SubmitReportDeps,
  principal: Principal,
  report: SubmittedReport,
  /** A channel's own rows (a citizen's tracking code), written in the case's transaction so neither exists alone. */
  alsoWithin?: (sql: Sql, caseId: string) => Promise<void>,
): Promise<CaseRecord> {
  checkSource(principal, report.source);
  const point = toWgs84(report.location);
  const place = await locateUnitGrid(deps.db, point);
  if (!place) {
    throw new Invalid(`the location ${point[0].toFixed(6)}, ${point[1].toFixed(6)} (WGS-84) is outside every unit grid of the city`, {
      field: 'location',
    });
  }
  const responsibility = await locateResponsibilityGrids(deps.db, point);
  const id = randomUUID();
  const reporter = {
    ...report.reporter,
    ...(principal.kind === 'user' ? { userId: String(principal.id), username: principal.username } : { apiKeyId: String(principal.id), channel: principal.channel }),
  };
  await deps.engine.startInstance(
    { processId: deps.processId ?? 'case-lifecycle', businessKey: id, variables: { caseId: id } },
    {
      within: async (sql) => {
        await reportCase(
          sql,
          {
            id,
            source: report.source,
            classScheme: report.classScheme ?? 'gbt47678',
            classKind: report.classKind,
            classCode: report.classCode,
            description: report.description,
            location: { lng: point[0], lat: point[1] },
            address: report.address ?? null,
            gridCode: place.gridCode,
            street: place.streetName,
            community: place.communityName,
            areaGrade: place.areaGrade,
            urgency: report.urgency ?? 'normal',
            attachmentIds: report.attachmentIds ?? [],
            reporter,
            actor: { id: principal.kind === 'user' ? principal.id : null, name: principal.displayName, role: principal.kind === 'user' ? (principal.roles[0] ?? 'user') : `api-key:${principal.channel}` },
            at: deps.clock.now(),
          },
          { rules: deps.rules },
        );
        await sql.query(`UPDATE "case" SET responsibility_grids = $2 WHERE id = $1`, [id, responsibility.map((grid) => grid.code.trim())]);
        if (report.attachmentIds?.length && deps.claimAttachments) await deps.claimAttachments(sql, principal, report.attachmentIds, id);
        if (alsoWithin) await alsoWithin(sql, id);
      },
    },
  );
  return readCase(deps.db, id);
}
