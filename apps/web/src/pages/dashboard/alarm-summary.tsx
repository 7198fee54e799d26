import type { Alarm, Page } from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, List, Row, Space, Statistic, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import { formatTime } from '../../shared/format.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { EmptyState } from '../../shared/states.tsx';
import { useAlarmEvents } from '../../shared/use-alarm-events.ts';
import { AlarmObject } from '../alarms/alarm-object.tsx';
import { SeverityTag } from '../alarms/alarm-tags.tsx';
import { pointColours } from '../monitor/meter-tile.tsx';
import { connectivity } from './connectivity.ts';
import { faultyMeters, useMonitoringPoints } from './monitoring-points.ts';

const newestQuery = { state: 'open', limit: 5, sort: 'raisedAt', direction: 'desc' } as const;

/**
 * Meters online, offline and not yet read; the newest open alarms and how many meters are in alarm or in
 * fault; following the live feed.
 */
export function AlarmSummary() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const newest = useQuery({
    queryKey: ['/api/alarms', 'dashboard'],
    queryFn: () => api.get<Page<Alarm>>('/api/alarms', newestQuery),
  });
  const points = useMonitoringPoints(true);
  const refetchNewest = newest.refetch;
  const refetchPoints = points.refetch;
  const onEvent = useCallback(() => {
    void refetchNewest();
    void refetchPoints();
  }, [refetchNewest, refetchPoints]);
  useAlarmEvents(onEvent);
  const online = points.data === undefined ? undefined : connectivity(points.data.meters);
  const stat = (titleKey: string, value: number | undefined, colour: string, testId: string) => (
    <Col xs={24} sm={8}>
      <Link to="/monitor" data-testid={testId}>
        <Statistic
          title={t(titleKey)}
          value={value ?? 0}
          loading={points.isLoading}
          valueStyle={{ color: colour }}
        />
      </Link>
    </Col>
  );
  return (
    <Card
      title={t('alarms.dashboardNewest')}
      style={{ marginTop: 16 }}
      extra={<Link to="/alarms">{t('alarms.title')}</Link>}
      data-testid="dashboard-alarms"
    >
      <QueryError error={points.error} retry={() => void points.refetch()} />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {stat('dashboard.online', online?.online, pointColours.green.border, 'meters-online')}
        {stat('dashboard.offline', online?.offline, pointColours.red.border, 'meters-offline')}
        {stat('dashboard.neverRead', online?.unknown, pointColours.grey.border, 'meters-never-read')}
      </Row>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={8}>
          <Link to="/alarms">
            <Statistic
              title={t('alarms.dashboardOpen')}
              value={newest.data?.total ?? 0}
              loading={newest.isLoading}
            />
          </Link>
        </Col>
        {stat(
          'alarms.dashboardMetersInAlarm',
          points.data?.counts.yellow,
          pointColours.yellow.border,
          'meters-in-alarm',
        )}
        {stat(
          'alarms.dashboardMetersFaulty',
          points.data === undefined ? undefined : faultyMeters(points.data),
          pointColours.red.border,
          'meters-in-fault',
        )}
      </Row>
      <QueryError error={newest.error} retry={() => void newest.refetch()} />
      <List<Alarm>
        size="small"
        loading={newest.isLoading}
        dataSource={newest.data ? [...newest.data.items] : []}
        locale={{ emptyText: <EmptyState description={t('alarms.none')} /> }}
        renderItem={(alarm) => (
          <List.Item>
            <Space wrap>
              <SeverityTag severity={alarm.severity} />
              <Typography.Text>{t(`alarms.kinds.${alarm.kind}`)}</Typography.Text>
              <AlarmObject alarm={alarm} />
              <Typography.Text type="secondary">{formatTime(alarm.raisedAt, i18n.language)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
