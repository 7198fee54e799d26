import type { PrepaidMode } from '@openami/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colours: Readonly<Record<PrepaidMode, string>> = { card: 'blue', remote: 'purple', local: 'cyan' };

/** Card, remote or local fee control: the mode decides how a sale reaches the meter. */
export function ModeTag({ mode }: { mode: PrepaidMode }) {
  const { t } = useTranslation();
  return <Tag color={colours[mode]}>{t(`counter.modes.${mode}`)}</Tag>;
}
