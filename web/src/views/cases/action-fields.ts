import type { AllowedAction, FormSchema } from '../../api/cases.ts';

/**
 * Several actions complete the same task form with a fixed outcome (立案/不予立案/合并 on register-decision,
 * 处置/回退/延期/挂账 on handle-case): the server sets the outcome, so each dialog shows only that outcome's fields.
 * Absent here: every field of the form.
 */
const shownFields: Record<string, string[]> = {
  register: ['comment'],
  reject: ['comment'],
  merge: ['duplicateOf', 'comment'],
  handle: ['comment', 'attachmentIds'],
  'request-return': ['comment'],
  'request-extension': ['extensionLimit', 'comment'],
  'request-suspension': ['comment'],
};

/** Fields the dialog insists on although the form alone does not (its conditions depend on the outcome). */
const requiredFields: Record<string, string[]> = {
  reject: ['comment'],
  merge: ['duplicateOf'],
  'request-return': ['comment'],
  'request-extension': ['extensionLimit', 'comment'],
  'request-suspension': ['comment'],
};

/** Form field → action body field, where the action's body names it differently (workflows/*.actions.json). */
const bodyNames: Record<string, Record<string, string>> = {
  'request-extension': { extensionLimit: 'limit', comment: 'reason' },
  'request-suspension': { comment: 'reason' },
};

/** The approval form serves four requests; the waiting task says which one this is. */
export const approvalRequests: Record<string, string> = {
  Task_ApproveReturn: 'return',
  Task_ApproveExtension: 'extension',
  Task_ApproveSuspension: 'suspension',
  Task_ApproveVoid: 'void',
};

/** Actions without a task form (void request, supervise, urge) take a comment. */
export const commentForm: FormSchema = {
  title: '',
  properties: { comment: { type: 'string', title: '意见', 'x-title-en': 'Comment', 'x-widget': 'textarea' } },
};

export interface DialogField {
  name: string;
  required: boolean;
}

export function dialogFields(action: AllowedAction, form: FormSchema): DialogField[] {
  const names = shownFields[action.action] ?? Object.keys(form.properties);
  const required = new Set([...(form.required ?? []), ...(requiredFields[action.action] ?? [])]);
  return names.filter((name) => form.properties[name]).map((name) => ({ name, required: required.has(name) }));
}

export function actionBody(action: AllowedAction, values: Record<string, unknown>): Record<string, unknown> {
  const rename = bodyNames[action.action] ?? {};
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    body[rename[name] ?? name] = value;
  }
  const request = action.action === 'approve' && action.elementId ? approvalRequests[action.elementId] : undefined;
  if (request) body.request = request;
  return body;
}
