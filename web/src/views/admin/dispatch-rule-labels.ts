import { i18n } from '../../i18n/index.ts';
import { localName } from '../../i18n/local-name.ts';
import type { ClassCatalogue, GridCollection } from '../../api/resources.ts';
import { areaEntry, type DispatchRule } from '../../../../core/dispatch/dispatch-rule.ts';
import type { ClassKind, SchemeId } from '../../../../core/ports/standards.ts';

export const classSchemes: readonly SchemeId[] = ['gbt47678', 'legacy'];
export const classKinds: readonly ClassKind[] = ['component', 'event'];

/** Catalogues are loaded per scheme and kind: codes mean nothing outside them. */
export const catalogueKey = (scheme: SchemeId, kind: ClassKind): string => `${scheme}/${kind}`;

export type Catalogues = Partial<Record<string, ClassCatalogue>>;

/** What a rule's class selector covers, as a person reads it: "01011 燃气井盖", "大类 01 市政公用设施", "全部部件类别". */
export function classLabel(rule: DispatchRule, catalogues: Catalogues): string {
  const { t } = i18n.global;
  const catalogue = catalogues[catalogueKey(rule.classScheme, rule.classKind)];
  if (rule.classCode) {
    const found = catalogue?.items.find((c) => c.code === rule.classCode);
    return found ? `${rule.classCode} ${localName(found)}` : rule.classCode;
  }
  if (rule.majorCode) {
    const major = catalogue?.majors.find((m) => m.code === rule.majorCode);
    const name = major?.nameZh ? localName({ nameZh: major.nameZh, nameEn: major.nameEn }) : '';
    return t('dispatchRules.majorLabel', { code: rule.majorCode, name });
  }
  return t('dispatchRules.anyClass', { kind: t(`dispatchRules.kinds.${rule.classKind}`) });
}

/** Where a rule holds: its level and code, the unit grid's name when it has one. */
export function areaLabel(rule: DispatchRule, unitGrids: GridCollection['features']): string {
  const { t } = i18n.global;
  const entry = areaEntry(rule.area);
  if (!entry) return t('dispatchRules.areaLevels.city');
  const gridName = entry.field === 'gridCode' ? unitGrids.find((g) => g.properties.code === entry.value)?.properties.nameZh : null;
  return [t(`dispatchRules.areaLevels.${entry.field}`), entry.value, gridName].filter(Boolean).join(' ');
}
