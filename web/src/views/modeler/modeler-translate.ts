import { i18n } from '../../i18n/index.ts';
import type { LintFinding } from './lint.ts';
import { lintZhCn, modelerZhCn } from './modeler-zh-cn.ts';

/** Read at each call: bpmn-js asks when it renders, so whatever opens after a language switch follows it. */
const chinese = () => i18n.global.locale.value === 'zh-CN';

/** bpmn-js's `translate` service (the customTranslate pattern): English templates with `{name}` replacements. */
function translate(template: string, replacements: Record<string, string> = {}): string {
  const text = chinese() ? (modelerZhCn[template] ?? template) : template;
  return text.replace(/{([^}]+)}/g, (placeholder, key: string) => replacements[key] ?? placeholder);
}

export const translateModule = { translate: ['value', translate] };

/** A lint finding's message in the UI language; a rule without a translation keeps bpmnlint's English. */
export function lintMessage(finding: Pick<LintFinding, 'rule' | 'message'>): string {
  const template = chinese() ? lintZhCn[finding.rule] : undefined;
  if (!template) return finding.message;
  return template.replace('{types}', (finding.message.match(/<[^>]+>/g) ?? []).join(' ')).trim();
}
