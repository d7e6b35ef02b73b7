import { Router } from 'express';
import type { Clock } from '../../core/ports/clock.ts';
import type { Database } from '../../core/ports/database.ts';
import { assertCaseInScope } from '../../core/access/case-scope.ts';
import { caseDocument, caseDocuments } from '../../core/documents/case-documents.ts';
import { renderCaseDocument } from '../../core/documents/render-case-document.ts';
import type { Role } from '../../core/identity/roles.ts';
import { requireRole } from '../auth/authenticate.ts';
import type { Operation } from '../http/openapi.ts';

/** Notices are internal papers of the command centre and the departments: not for citizens or machine channels. */
const staff: Role[] = ['admin', 'leader', 'acceptor', 'shift-leader', 'dispatcher', 'department', 'department-head', 'collector'];

export function documentRoutes(deps: { db: Database; clock: Clock }): Router {
  const { db, clock } = deps;
  const router = Router();

  router.get('/cases/:id/documents/:template', async (req, res) => {
    const principal = requireRole(res, ...staff);
    caseDocument(req.params.template);
    await assertCaseInScope(db, principal, req.params.id);
    const html = await renderCaseDocument(db, req.params.id, req.params.template, clock.now());
    res.set({
      'Content-Type': 'text/html; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      // The page prints data people typed: even if something slipped past escaping, no script runs.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
      'Cache-Control': 'no-store',
    });
    res.send(html);
  });

  return router;
}

export const documentOperations: Operation[] = [
  {
    method: 'get',
    path: '/cases/{id}/documents/{template}',
    tag: 'documents',
    summary: `A case's notice as printable A4 HTML (zh-CN): ${caseDocuments.map((d) => `${d.name} (${d.titleZh})`).join(', ')}`,
    access: staff,
    responses: {
      200: { description: 'The notice', contentType: 'text/html', schema: { type: 'string' } },
      403: 'Not staff, or the case is outside your scope',
      404: 'Unknown case or document',
      409: 'The case has not reached the stage of this document (e.g. the closing notice of an open case)',
    },
  },
];
