import type { CaseRecord } from '../case/case-types.ts';
import { NotFound } from '../errors.ts';

/** A printable notice about a case, and the stage a case must have reached for it to exist. */
export interface CaseDocumentDefinition {
  /** The URL segment and the template's file name in forms/templates. */
  name: string;
  titleZh: string;
  reached(current: CaseRecord): boolean;
  /** Says, after "the case", why the document does not exist yet. */
  notReached: string;
}

export const caseDocuments: readonly CaseDocumentDefinition[] = [
  {
    name: 'dispatch-notice',
    titleZh: '交办单',
    // A returned case keeps its dispatch time but has no department until it is dispatched again.
    reached: (current) => current.dispatchedAt !== null && current.departmentId !== null,
    notReached: 'is not dispatched to a department',
  },
  {
    name: 'supervision-notice',
    titleZh: '督办单',
    reached: (current) => current.supervised,
    notReached: 'is not under supervision',
  },
  {
    name: 'closing-notice',
    titleZh: '结案通知',
    reached: (current) => current.status === 'closed',
    notReached: 'is not closed',
  },
];

export function caseDocument(name: string): CaseDocumentDefinition {
  const document = caseDocuments.find((candidate) => candidate.name === name);
  if (!document) {
    throw new NotFound(`no document "${name}": the documents are ${caseDocuments.map((d) => d.name).join(', ')}`, { field: 'template' });
  }
  return document;
}
