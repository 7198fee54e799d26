import type { Alarm } from '@openami/contract';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** What an alarm is about: a meter links to its page; a port reads `terminal 3 port 2`. */
export function AlarmObject({ alarm }: { alarm: Pick<Alarm, 'objectType' | 'objectId'> }) {
  const { t } = useTranslation();
  if (alarm.objectType === 'meter')
    return (
      <Link to={`/archives/meters/${alarm.objectId}`}>{t('alarms.meterObject', { id: alarm.objectId })}</Link>
    );
  if (alarm.objectType === 'port') {
    const [terminal, port] = alarm.objectId.split(':');
    return <>{t('alarms.portObject', { terminal, port })}</>;
  }
  return <>{t('alarms.terminalObject', { id: alarm.objectId })}</>;
}
