import type { Alarm } from '@openami/contract';
import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../shared/format.ts';
import { reasonText } from '../../shared/reason-text.ts';
import { evidenceItems } from './evidence-words.ts';

/** What shows the alarm (the run, the counters, the reading), and who acknowledged it with what comment. */
export function AlarmEvidence({ alarm }: { alarm: Alarm }) {
  const { t, i18n } = useTranslation();
  const fields =
    typeof alarm.evidence === 'object' && alarm.evidence !== null
      ? (alarm.evidence as Record<string, unknown>)
      : {};
  // A head-end failure's cause comes as a reason code, worded here; its English `reasons` are for logs.
  const cause = fields.cause as { code?: unknown; params?: unknown } | null | undefined;
  const causeText =
    typeof cause === 'object' && cause !== null
      ? reasonText(t, {
          reason: null,
          reasonCode: typeof cause.code === 'string' ? cause.code : null,
          reasonParams: (cause.params ?? null) as Record<string, unknown> | null,
        })
      : '';
  const evidence = evidenceItems(fields, t, i18n.language);
  const time = (ms: number | null) => (ms === null ? '' : formatTime(ms, i18n.language));
  return (
    <div data-testid={`alarm-evidence-${alarm.id}`}>
      <Typography.Text strong>{t('alarms.evidence')}</Typography.Text>
      {evidence.length === 0 && causeText === '' ? (
        <Typography.Paragraph type="secondary">{t('alarms.noEvidence')}</Typography.Paragraph>
      ) : (
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} style={{ marginBottom: 12 }}>
          {evidence.map((item) => (
            <Descriptions.Item key={item.name} label={item.label}>
              {item.value}
            </Descriptions.Item>
          ))}
          {causeText === '' ? null : (
            <Descriptions.Item label={t('reasons.cause')}>{causeText}</Descriptions.Item>
          )}
        </Descriptions>
      )}
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('alarms.lastSeenAt')}>{time(alarm.lastSeenAt)}</Descriptions.Item>
        <Descriptions.Item label={t('alarms.occurrences')}>{alarm.occurrences}</Descriptions.Item>
        {alarm.acknowledgedAt === null ? null : (
          <>
            <Descriptions.Item label={t('alarms.acknowledgedBy')}>
              {alarm.acknowledgedByName} · {time(alarm.acknowledgedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('alarms.comment')}>{alarm.ackComment}</Descriptions.Item>
          </>
        )}
        {alarm.clearedAt === null ? null : (
          <Descriptions.Item label={t('alarms.clearedAt')}>
            {time(alarm.clearedAt)}
            {alarm.clearReason === null
              ? ''
              : ` (${t(`alarms.clearReasons.${alarm.clearReason}`, { defaultValue: alarm.clearReason })})`}
          </Descriptions.Item>
        )}
      </Descriptions>
    </div>
  );
}
