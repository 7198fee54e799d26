import { ArrowLeftOutlined } from '@ant-design/icons';
import type { MeterOutcome, PortRate, RunDetail, RunMeter } from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Progress, Result, Space, Spin, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import { ApiError } from '../../api/client.ts';
import { formatTime } from '../../shared/format.ts';
import { busyRefreshMs } from '../../shared/live.ts';
import { usePagedList } from '../../shared/paged-query.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { reasonText, runDetailText } from '../../shared/reason-text.ts';
import { tableStates } from '../../shared/states.tsx';
import { useAreas } from '../../shared/use-areas.ts';
import { useTerminals } from '../../shared/use-terminals.ts';
import { outcomeColours } from '../meter/read-now.tsx';
import { RunProgressView } from './run-progress-view.tsx';
import { RunStatusTag } from './run-status.tsx';
import { rateText, successRate } from './success-rate.ts';
import { usePlans } from './use-plans.ts';

/** One run: its totals and success rate, each port's rate, and the meters that failed and why. */
export default function RunPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const plans = usePlans(i18n.language);
  const { nameOf } = useAreas();
  const terminals = useTerminals();
  // While the run goes on (here or in another process), its counts, ports and meters are looked at often.
  const detail = useQuery({
    queryKey: ['/api/collection/runs', id, 'detail'],
    queryFn: () => api.get<RunDetail>(`/api/collection/runs/${id}`),
    enabled: valid,
    refetchInterval: (query) => (query.state.data?.run.status === 'running' ? busyRefreshMs : false),
  });
  const running = detail.data?.run.status === 'running';
  const failed = usePagedList<RunMeter>(
    `/api/collection/runs/${id}/meters`,
    { failedOnly: true },
    undefined,
    () => (running ? busyRefreshMs : 0),
  );
  const back = (
    <Link to="/collection?tab=runs">
      <Button icon={<ArrowLeftOutlined />}>{t('collection.backToRuns')}</Button>
    </Link>
  );
  if (!valid || (detail.error instanceof ApiError && detail.error.status === 404)) {
    return <Result status="404" title={t('collection.runNotFound')} extra={back} />;
  }
  if (detail.isLoading) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }
  if (detail.data === undefined)
    return <QueryError error={detail.error} retry={() => void detail.refetch()} />;
  const { run, ports } = detail.data;
  const terminalName = (terminalId: number | null) =>
    terminalId === null ? '' : (terminals.data?.find((x) => x.id === terminalId)?.name ?? `#${terminalId}`);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('collection.runTitle', { id: run.id })} extra={back}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" data-testid="run-facts">
          <Descriptions.Item label={t('collection.plan')}>{plans.nameOf(run.planId)}</Descriptions.Item>
          <Descriptions.Item label={t('collection.kind')}>{t(`planKinds.${run.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('collection.trigger')}>
            {t(`runTriggers.${run.trigger}`, { defaultValue: run.trigger })}
          </Descriptions.Item>
          <Descriptions.Item label={t('collection.status')}>
            <RunStatusTag status={run.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('collection.startedAt')}>
            {formatTime(run.startedAt, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('collection.finishedAt')}>
            {run.finishedAt === null ? '' : formatTime(run.finishedAt, i18n.language)}
          </Descriptions.Item>
          {run.areaId === null ? null : (
            <Descriptions.Item label={t('common.area')}>{nameOf(run.areaId)}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('collection.meters')}>
            {t('collection.meterCounts', {
              total: run.metersTotal,
              complete: run.metersComplete,
              partial: run.metersPartial,
              failed: run.metersFailed,
            })}
          </Descriptions.Item>
          <Descriptions.Item label={t('collection.successRate')}>
            <span data-testid="run-rate">{rateText(detail.data.successRate)}</span>
          </Descriptions.Item>
          {run.detail === null ? null : (
            <Descriptions.Item label={t('collection.detail')}>{runDetailText(t, run)}</Descriptions.Item>
          )}
        </Descriptions>
        {run.status === 'running' ? (
          <div style={{ marginTop: 16 }}>
            <RunProgressView
              runId={run.id}
              showLink={false}
              onEnd={() => {
                void detail.refetch();
                void failed.result.refetch();
              }}
            />
          </div>
        ) : null}
      </Card>
      <Card title={t('collection.ports')}>
        <Table<PortRate>
          rowKey={(p) => `${p.terminalId}-${p.portNo}`}
          size="small"
          pagination={false}
          dataSource={[...ports]}
          data-testid="run-ports"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('common.noData') }}
          columns={[
            { title: t('collection.terminal'), dataIndex: 'terminalId', render: terminalName },
            { title: t('collection.port'), dataIndex: 'portNo', render: (n: number | null) => n ?? '' },
            { title: t('collection.meters'), dataIndex: 'meters' },
            { title: t('collection.read'), dataIndex: 'read' },
            { title: t('collection.failed'), dataIndex: 'failed' },
            {
              title: t('collection.successRate'),
              key: 'rate',
              render: (_, p) => {
                const rate = successRate(p.read, p.meters);
                return rate === null ? (
                  '–'
                ) : (
                  <Progress percent={rate} size="small" format={() => rateText(rate)} />
                );
              },
            },
          ]}
        />
      </Card>
      <Card title={t('collection.failedMeters')}>
        <QueryError error={failed.result.error} retry={() => void failed.result.refetch()} />
        <Table<RunMeter>
          rowKey="meterId"
          size="small"
          data-testid="run-failed-meters"
          scroll={{ x: 'max-content' }}
          dataSource={failed.result.data?.items ? [...failed.result.data.items] : []}
          pagination={{ ...failed.pagination, showTotal: (total) => t('common.total', { total }) }}
          onChange={(pagination, _filters, sorter) => failed.onChange(pagination, sorter)}
          {...tableStates(
            failed.result,
            failed.result.data?.items.length ?? 0,
            t('collection.noFailedMeters'),
          )}
          columns={[
            {
              title: t('meters.factoryNo'),
              dataIndex: 'factoryNo',
              render: (no: string, m) => <Link to={`/archives/meters/${m.meterId}`}>{no}</Link>,
            },
            { title: t('meters.commAddress'), dataIndex: 'commAddress' },
            { title: t('collection.terminal'), dataIndex: 'terminalId', render: terminalName },
            { title: t('collection.port'), dataIndex: 'portNo', render: (n: number | null) => n ?? '' },
            {
              title: t('collection.outcome'),
              dataIndex: 'status',
              render: (s: MeterOutcome) => <Tag color={outcomeColours[s]}>{t(`meterOutcomes.${s}`)}</Tag>,
            },
            { title: t('meter.reason'), key: 'reason', render: (_, m) => reasonText(t, m) },
            { title: t('meter.attempts'), dataIndex: 'attempts' },
          ]}
        />
      </Card>
    </Space>
  );
}
