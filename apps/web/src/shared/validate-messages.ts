import type { TFunction } from 'i18next';

/**
 * Ant Design's form rule messages, worded from the locale files. `${label}`, `${min}`, `${max}` and
 * `${len}` are filled in by the form, not by i18next.
 */
export function validateMessages(t: TFunction) {
  return {
    required: t('validation.required'),
    pattern: { mismatch: t('validation.pattern') },
    string: { max: t('validation.stringMax'), min: t('validation.stringMin') },
    number: {
      range: t('validation.numberRange'),
      min: t('validation.numberMin'),
      max: t('validation.numberMax'),
    },
    types: { number: t('validation.number'), integer: t('validation.integer'), email: t('validation.email') },
  };
}
