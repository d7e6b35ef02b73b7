import { i18n } from './index.ts';

/** Official names are Chinese; English readers get the English name where one is known. */
export function localName(named: { nameZh: string | null; nameEn?: string | null }): string {
  return (i18n.global.locale.value === 'en' && named.nameEn) || named.nameZh || '';
}
