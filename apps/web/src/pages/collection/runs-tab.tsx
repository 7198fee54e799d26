import { type CollectionRun, type RunStatus, runStatuses } from '@openami/contract';
import { Button, Form, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Query } from '../../api/client.ts';
import { formatTime } from '../../shared/format.ts';
import { runsRefreshMs } from '../../shared/live.ts';
import { usePagedList } from '../../shared/paged-query.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { tableStates } from '../../shared/states.tsx';
import { useAreas } from '../../shared/use-areas.ts';
import { useRunsEnded } from '../../shared/use-runs-ended.ts';
import { RunStatusTag } from './run-status.tsx';
import { rateText, runRate } from './success-rate.ts';
import { usePlans } from './use-plans.ts';

interface RunFilters {
  readonly planId?: string;
  readonly status?: RunStatus;
}

const runsList = [['/api/collection/runs']] as const;

/** Collection runs, newest first, with their success rates; each opens its detail. */
export function RunsTab() {
  const { t, i18n } = useTranslation();
  const plans = usePlans(i18n.language);
  const { nameOf } = useAreas();
  const [filters, setFilters] = useState<Query>({});
  // Runs start on schedule and finish while the list is open: look again, often while one is running.
  const list = usePagedList<CollectionRun>(
    '/api/collection/runs',
    filters,
    { sort: 'startedAt', direction: 'desc' },
    runsRefreshMs,
  );
  useRunsEnded(runsList);
  return (
    <>
      <Form<RunFilters>
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        aria-label={t('common.filters')}
        onFinish={(values) => {
          setFilters({ planId: values.planId, status: values.status });
          list.restart();
        }}
      >
        <Form.Item name="planId">
          <Select
            placeholder={t('collection.plan')}
            allowClear
            style={{ width: 200 }}
            options={(plans.query.data ?? []).map((p) => ({ value: p.id, label: plans.nameOf(p.id) }))}
          />
        </Form.Item>
        <Form.Item name="status">
          <Select
            placeholder={t('collection.status')}
            allowClear
            style={{ width: 140 }}
            options={runStatuses.map((s) => ({ value: s, label: t(`runStatuses.${s}`) }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </Form>
      <QueryError error={list.result.error} retry={() => void list.result.refetch()} />
      <Table<CollectionRun>
        rowKey="id"
        data-testid="runs"
        dataSource={list.result.data?.items ? [...list.result.data.items] : []}
        {...tableStates(list.result, list.result.data?.items.length ?? 0, t('collection.noRuns'))}
        pagination={{ ...list.pagination, showTotal: (total) => t('common.total', { total }) }}
        onChange={(pagination, _filters, sorter) => list.onChange(pagination, sorter)}
        // Fits 1366×768 without scrolling; narrower, the table scrolls and the success rate stays in view.
        scroll={{ x: 1000 }}
        columns={[
          {
            title: t('collection.run'),
            dataIndex: 'id',
            sorter: true,
            render: (id: number) => <Link to={`/collection/runs/${id}`}>#{id}</Link>,
          },
          { title: t('collection.plan'), dataIndex: 'planId', render: (id: string) => plans.nameOf(id) },
          {
            title: t('collection.trigger'),
            dataIndex: 'trigger',
            render: (trigger: string) => t(`runTriggers.${trigger}`, { defaultValue: trigger }),
          },
          {
            title: t('common.area'),
            dataIndex: 'areaId',
            render: (id: number | null) => (id === null ? '' : nameOf(id)),
          },
          {
            title: t('collection.status'),
            dataIndex: 'status',
            render: (s: RunStatus) => <RunStatusTag status={s} />,
          },
          {
            title: t('collection.startedAt'),
            dataIndex: 'startedAt',
            sorter: true,
            render: (at: number) => formatTime(at, i18n.language),
          },
          {
            title: t('collection.meters'),
            key: 'meters',
            render: (_, r) =>
              t('collection.meterCounts', {
                total: r.metersTotal,
                complete: r.metersComplete,
                partial: r.metersPartial,
                failed: r.metersFailed,
              }),
          },
          {
            title: t('collection.successRate'),
            key: 'rate',
            fixed: 'right',
            render: (_, r) => rateText(runRate(r)),
          },
        ]}
      />
    </>
  );
}
