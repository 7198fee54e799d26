import type { Alarm, AlarmKind, Severity } from '@openami/contract';
import { Card, Space, Table, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../shared/format.ts';
import { usePagedList } from '../../shared/paged-query.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { useAlarmEvents } from '../../shared/use-alarm-events.ts';
import { AlarmStateTag, SeverityTag } from '../alarms/alarm-tags.tsx';

/** 事件: every alarm raised on this meter, open and cleared, newest first, following the alarm feed. */
export function MeterEvents({ meterId }: { meterId: number }) {
  const { t, i18n } = useTranslation();
  const list = usePagedList<Alarm>(
    '/api/alarms',
    { objectType: 'meter', objectId: String(meterId) },
    { sort: 'raisedAt', direction: 'desc' },
  );
  // Raised, acknowledged and cleared as they happen: any alarm event may be this meter's.
  const refetch = list.result.refetch;
  useAlarmEvents(useCallback(() => void refetch(), [refetch]));
  const time = (at: number | null) => (at === null ? '' : formatTime(at, i18n.language));
  return (
    <Card title={t('meter.events.title')} data-testid="meter-events">
      <QueryError error={list.result.error} retry={() => void list.result.refetch()} />
      <Table<Alarm>
        rowKey="id"
        size="small"
        loading={list.result.isLoading}
        dataSource={list.result.data?.items ? [...list.result.data.items] : []}
        locale={{ emptyText: t('meter.events.none') }}
        pagination={{
          ...list.pagination,
          pageSizeOptions: [10, 20, 50],
          hideOnSinglePage: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        onChange={(pagination, _filters, sorter) => list.onChange(pagination, sorter)}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('alarms.kind'),
            dataIndex: 'kind',
            render: (kind: AlarmKind) => t(`alarms.kinds.${kind}`),
          },
          {
            title: t('alarms.severity'),
            dataIndex: 'severity',
            render: (severity: Severity) => <SeverityTag severity={severity} />,
          },
          {
            title: t('alarms.state'),
            dataIndex: 'state',
            render: (_, alarm) => <AlarmStateTag state={alarm.state} />,
          },
          { title: t('alarms.raisedAt'), dataIndex: 'raisedAt', render: (at: number) => time(at) },
          { title: t('alarms.clearedAt'), dataIndex: 'clearedAt', render: (at: number | null) => time(at) },
          {
            title: t('meter.events.acknowledged'),
            key: 'ack',
            render: (_, alarm) =>
              alarm.acknowledgedAt === null ? null : (
                <Space direction="vertical" size={0}>
                  <span>
                    {alarm.acknowledgedByName ?? ''} · {time(alarm.acknowledgedAt)}
                  </span>
                  {alarm.ackComment === null ? null : (
                    <Typography.Text type="secondary">{alarm.ackComment}</Typography.Text>
                  )}
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}
