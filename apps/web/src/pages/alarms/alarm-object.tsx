import type { Alarm } from '@openami/contract';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * What an alarm is about, as people know it: a meter by its number (linking to its page) with the room and
 * account of whoever holds it; a terminal by its name, a port by its terminal's name and its number. The
 * store's ids show only for an object gone from the archive.
 */
export function AlarmObject({ alarm }: { alarm: Pick<Alarm, 'objectType' | 'objectId' | 'subject'> }) {
  const { t } = useTranslation();
  const { subject } = alarm;
  if (alarm.objectType === 'meter') {
    const holder = [
      subject.customer === null || subject.customer.unit === '' ? null : subject.customer.unit,
      subject.accountNo === null ? null : t('alarms.accountObject', { account: subject.accountNo }),
    ].filter((part) => part !== null);
    return (
      <>
        <Link to={`/archives/meters/${alarm.objectId}`}>
          {subject.meter === null
            ? t('alarms.meterObjectGone', { id: alarm.objectId })
            : t('alarms.meterObject', { number: subject.meter.factoryNo })}
        </Link>
        {holder.length === 0 ? null : (
          <Typography.Text type="secondary"> {holder.join(' · ')}</Typography.Text>
        )}
      </>
    );
  }
  if (alarm.objectType === 'port') {
    const [terminal, port] = alarm.objectId.split(':');
    return (
      <>
        {t('alarms.portObject', {
          terminal: subject.terminal?.name ?? `#${terminal ?? ''}`,
          port: subject.portNo ?? port,
        })}
      </>
    );
  }
  if (alarm.objectType === 'site') {
    return <>{t(alarm.objectId === 'readings' ? 'alarms.siteReadingsObject' : 'alarms.siteObject')}</>;
  }
  return <>{t('alarms.terminalObject', { name: subject.terminal?.name ?? `#${alarm.objectId}` })}</>;
}
