import type { MeterOutcome, MeterRunOutcome } from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import { formatTime } from '../../shared/format.ts';
import { liveQuery } from '../../shared/live.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { reasonText } from '../../shared/reason-text.ts';
import { tableStates } from '../../shared/states.tsx';
import { usePlans } from '../collection/use-plans.ts';
import { outcomeColours } from './read-now.tsx';

/** The meter's outcome in the latest collection runs, each linking to its run. */
export function MeterRuns({ meterId }: { meterId: number }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const plans = usePlans(i18n.language);
  const runs = useQuery({
    queryKey: ['meter', meterId, 'runs'],
    queryFn: () => api.get<MeterRunOutcome[]>(`/api/meters/${meterId}/runs`),
    ...liveQuery,
  });
  return (
    <Card title={t('meter.recentRuns')} data-testid="meter-runs">
      <QueryError error={runs.error} retry={() => void runs.refetch()} />
      <Table<MeterRunOutcome>
        rowKey="runId"
        size="small"
        dataSource={runs.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        {...tableStates(runs, runs.data?.length ?? 0, t('meter.noRuns'))}
        columns={[
          {
            title: t('collection.startedAt'),
            dataIndex: 'startedAt',
            render: (at: number, row) => (
              <Link to={`/collection/runs/${row.runId}`}>{formatTime(at, i18n.language)}</Link>
            ),
          },
          { title: t('collection.plan'), dataIndex: 'planId', render: (id: string) => plans.nameOf(id) },
          {
            title: t('collection.outcome'),
            dataIndex: 'status',
            render: (s: MeterOutcome) => <Tag color={outcomeColours[s]}>{t(`meterOutcomes.${s}`)}</Tag>,
          },
          { title: t('meter.reason'), key: 'reason', render: (_, row) => reasonText(t, row) },
          { title: t('meter.attempts'), dataIndex: 'attempts' },
          { title: t('collection.durationMs'), dataIndex: 'durationMs' },
        ]}
      />
    </Card>
  );
}
