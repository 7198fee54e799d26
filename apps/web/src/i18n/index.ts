import { type Locale, locales } from '@openami/contract';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/** zh-CN unless the user chose English on this browser (the choice is kept in localStorage). */
export const defaultLocale: Locale = 'zh-CN';
const storageKey = 'openami.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function storedLocale(storage: Pick<Storage, 'getItem'> | undefined): Locale {
  const stored = storage?.getItem(storageKey);
  return isLocale(stored) ? stored : defaultLocale;
}

/** Whether someone picked a language on this browser (which then wins over a user's profile). */
export function localeChosen(storage: Pick<Storage, 'getItem'>): boolean {
  return isLocale(storage.getItem(storageKey));
}

export function rememberLocale(storage: Pick<Storage, 'setItem'>, locale: Locale): void {
  storage.setItem(storageKey, locale);
}

export const resources = { 'zh-CN': { translation: zhCN }, en: { translation: en } } as const;

export async function startI18n(locale: Locale): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: defaultLocale,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return i18next;
}
