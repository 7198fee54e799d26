import { type Locale, locales } from '@openami/contract';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { isLocale } from './index.ts';

/** 中文 / English: the labels are each language's own name, from its own locale file. */
export function LanguageSwitch({ onChange }: { onChange: (locale: Locale) => void }) {
  const { i18n } = useTranslation();
  return (
    <Segmented<Locale>
      aria-label={i18n.t('language.label')}
      size="small"
      value={isLocale(i18n.language) ? i18n.language : 'zh-CN'}
      options={locales.map((locale) => ({
        value: locale,
        label: i18n.getFixedT(locale)('language.name'),
      }))}
      onChange={onChange}
    />
  );
}
