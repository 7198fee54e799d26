import type { RunStatus } from '@openami/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colours: Readonly<Record<RunStatus, string>> = {
  running: 'processing',
  finished: 'green',
  failed: 'red',
  interrupted: 'orange',
  skipped: 'default',
};

export function RunStatusTag({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  return <Tag color={colours[status]}>{t(`runStatuses.${status}`)}</Tag>;
}
