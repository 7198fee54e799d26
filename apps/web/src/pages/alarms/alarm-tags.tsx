import type { AlarmState, Severity } from '@openami/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const severityColours: Readonly<Record<Severity, string>> = {
  critical: 'red',
  major: 'volcano',
  minor: 'gold',
  info: 'blue',
};

const stateColours: Readonly<Record<AlarmState, string>> = {
  raised: 'error',
  acknowledged: 'warning',
  cleared: 'default',
};

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return <Tag color={severityColours[severity]}>{t(`alarms.severities.${severity}`)}</Tag>;
}

export function AlarmStateTag({ state }: { state: AlarmState }) {
  const { t } = useTranslation();
  return <Tag color={stateColours[state]}>{t(`alarms.states.${state}`)}</Tag>;
}
