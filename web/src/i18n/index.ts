import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import elementEn from 'element-plus/es/locale/lang/en.mjs';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn.mjs';
import en from './en.ts';
import zhCN from './zh-CN.ts';

export const locales = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'en', label: 'English' },
] as const;
export type Locale = (typeof locales)[number]['code'];

const dateTime = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' } as const;

const storageKey = 'citycase.locale';
const stored = localStorage.getItem(storageKey);
const initial: Locale = locales.some((l) => l.code === stored) ? (stored as Locale) : 'zh-CN';

export const i18n = createI18n({
  legacy: false,
  locale: initial,
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  datetimeFormats: {
    'zh-CN': { short: dateTime },
    en: { short: dateTime },
  },
});

document.documentElement.lang = initial;

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(storageKey, locale);
  document.documentElement.lang = locale;
}

/** Element Plus's own strings (pagination, empty tables, dialogs) follow the UI language. */
export const elementLocale = computed(() => (i18n.global.locale.value === 'en' ? elementEn : elementZhCn));
