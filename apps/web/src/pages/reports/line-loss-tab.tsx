import {
  type LevelTotal,
  type LineLossReport,
  type LineLossRow,
  type LossPeriod,
  lossPeriods,
} from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { Form, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { QueryError } from '../../shared/query-error.tsx';
import { tableStates } from '../../shared/states.tsx';
import { PeriodNotes } from './period-notes.tsx';
import { periodHeading } from './period-title.ts';
import { ChoiceSelect, type RangeValue, ReportFilters } from './report-filters.tsx';
import { ReportToolbar } from './report-toolbar.tsx';
import { kwh, percent } from './report-types.ts';

/** Line loss per level of the meter hierarchy: each parent meter against its children, then each level. */
export function LineLossTab({ initial }: { initial: RangeValue }) {
  const { t } = useTranslation();
  const api = useApi();
  const [range, setRange] = useState(initial);
  const [period, setPeriod] = useState<LossPeriod>('day');
  const query = { ...range, period };
  const report = useQuery({
    queryKey: ['reports', 'line-loss', query],
    queryFn: () => api.get<LineLossReport>('/api/reports/line-loss', query),
  });
  const data = report.data;
  const headingOf = new Map((data?.spans ?? []).map((span) => [span.period, periodHeading(span, t)]));
  const periodColumn = {
    title: t('reports.period'),
    dataIndex: 'period',
    render: (key: string) => headingOf.get(key) ?? key,
  };
  const figures = [
    {
      title: t('reports.parentEnergy'),
      dataIndex: 'parentWh',
      align: 'right' as const,
      render: (wh: number | null) => (wh === null ? <Tag color="red">{t('reports.notRead')}</Tag> : kwh(wh)),
    },
    { title: t('reports.childrenEnergy'), dataIndex: 'childrenWh', align: 'right' as const, render: kwh },
    { title: t('reports.lossEnergy'), dataIndex: 'lossWh', align: 'right' as const, render: kwh },
    {
      title: t('reports.lossPercent'),
      key: 'lossPercent',
      align: 'right' as const,
      // A period not over (today) has meters read at different times: its loss is shown as provisional.
      render: (_: unknown, row: LineLossRow | LevelTotal) =>
        row.final || row.lossBasisPoints === null ? (
          percent(row.lossBasisPoints)
        ) : (
          <Tooltip title={t('reports.provisionalHint')}>
            <span data-testid="provisional-loss">
              {percent(row.lossBasisPoints)} <Tag color="orange">{t('reports.provisional')}</Tag>
            </span>
          </Tooltip>
        ),
    },
  ];
  const rows = [
    periodColumn,
    { title: t('reports.level'), dataIndex: 'level' },
    {
      title: t('reports.parentMeter'),
      key: 'parent',
      render: (_: unknown, row: LineLossRow) => `${row.parent.commAddress} ${row.parent.areaName}`,
    },
    ...figures,
    { title: t('reports.children'), dataIndex: 'children', align: 'right' as const },
    {
      title: t('reports.childrenNotRead'),
      key: 'notRead',
      render: (_: unknown, row: LineLossRow) =>
        row.childrenNotRead.length === 0 ? null : (
          <Tooltip title={row.childrenNotRead.map((c) => c.commAddress).join(' ')}>
            <Tag color="orange">{t('reports.notReadCount', { count: row.childrenNotRead.length })}</Tag>
          </Tooltip>
        ),
    },
  ];
  const levels = [
    periodColumn,
    { title: t('reports.level'), dataIndex: 'level' },
    { title: t('reports.parents'), dataIndex: 'parents', align: 'right' as const },
    ...figures,
    { title: t('reports.childrenNotRead'), dataIndex: 'childrenNotRead', align: 'right' as const },
  ];
  return (
    <>
      <ReportFilters value={range} onChange={setRange}>
        <Form.Item label={t('reports.lossPeriod')}>
          <ChoiceSelect
            testId="report-loss-period"
            values={lossPeriods}
            value={period}
            onChange={setPeriod}
            labelOf={(p) => t(`reports.granularities.${p}`)}
          />
        </Form.Item>
        <Form.Item>
          <ReportToolbar path="/api/reports/line-loss" query={query} disabled={data === undefined} />
        </Form.Item>
      </ReportFilters>
      <QueryError error={report.error} retry={() => void report.refetch()} />
      <div className="report-print">
        <Typography.Title level={4} className="report-print-only">
          {t('reports.lineLoss')} {range.from} – {range.to}
        </Typography.Title>
        <Typography.Title level={5}>{t('reports.byLevel')}</Typography.Title>
        <Table
          data-testid="line-loss-levels"
          size="small"
          rowKey={(row) => `${row.period}-${row.level}`}
          dataSource={[...(data?.levels ?? [])]}
          columns={levels}
          pagination={false}
          {...tableStates(report, data?.levels.length ?? 0, t('reports.noHierarchy'))}
        />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('reports.byParent')}
        </Typography.Title>
        <Table
          data-testid="line-loss-rows"
          size="small"
          rowKey={(row) => `${row.period}-${row.parent.id}`}
          dataSource={[...(data?.rows ?? [])]}
          columns={rows}
          // A row's `children` is a count of meters, not nested rows.
          expandable={{ childrenColumnName: 'childRows' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          {...tableStates(report, data?.rows.length ?? 0, t('reports.noHierarchy'))}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('reports.lossNote')}
        </Typography.Paragraph>
        <PeriodNotes report={data} at={data?.madeAtLocal ?? ''} />
      </div>
    </>
  );
}
