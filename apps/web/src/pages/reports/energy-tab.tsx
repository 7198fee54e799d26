import {
  type EnergyReport,
  type Granularity,
  type Grouping,
  granularities,
  groupings,
} from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { Form, Spin, Table, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { QueryError } from '../../shared/query-error.tsx';
import { tableStates } from '../../shared/states.tsx';
import { PeriodNotes } from './period-notes.tsx';
import { periodHeading } from './period-title.ts';
import { ChoiceSelect, type RangeValue, ReportFilters } from './report-filters.tsx';
import { ReportToolbar } from './report-toolbar.tsx';
import { kwh } from './report-types.ts';

// ECharts loads in its own chunk, after the figures.
const EnergyChart = lazy(() => import('./energy-chart.tsx'));

/** Energy per area or meter, per hour, day, month or year: a chart above the table it draws. */
export function EnergyTab({ initial }: { initial: RangeValue }) {
  const { t } = useTranslation();
  const api = useApi();
  const [range, setRange] = useState(initial);
  const [granularity, setGranularity] = useState<Granularity>('day');
  const [groupBy, setGroupBy] = useState<Grouping>('area');
  const query = { ...range, granularity, groupBy };
  const report = useQuery({
    queryKey: ['reports', 'energy', query],
    queryFn: () => api.get<EnergyReport>('/api/reports/energy', query),
  });
  const data = report.data;
  const series = useMemo(
    () =>
      (data?.rows ?? []).slice(0, 20).map((row) => ({
        name: row.name,
        values: row.energyWh.map((wh) => (wh === null ? null : wh / 1000)),
      })),
    [data],
  );
  // A period the range cuts is named by its days; one not over is marked, in the table and on the chart.
  const headings = useMemo(() => (data?.spans ?? []).map((span) => periodHeading(span, t)), [data, t]);
  const unfinished = useMemo(() => (data?.spans ?? []).map((span) => span.status !== 'over'), [data]);
  const columns = [
    {
      title: t(groupBy === 'area' ? 'reports.area' : 'reports.meter'),
      dataIndex: 'name',
      fixed: 'left' as const,
    },
    ...(groupBy === 'meter' ? [{ title: t('reports.inArea'), dataIndex: 'areaName' }] : []),
    ...(data?.periods ?? []).map((period, i) => ({
      title: headings[i] ?? period,
      key: period,
      align: 'right' as const,
      render: (_: unknown, row: { energyWh: readonly (number | null)[] }) => kwh(row.energyWh[i] ?? null),
    })),
    {
      title: t('reports.total'),
      dataIndex: 'totalWh',
      align: 'right' as const,
      render: (wh: number) => kwh(wh),
    },
  ];
  return (
    <>
      <ReportFilters value={range} onChange={setRange}>
        <Form.Item label={t('reports.granularity')}>
          <ChoiceSelect
            testId="report-granularity"
            values={granularities}
            value={granularity}
            onChange={setGranularity}
            labelOf={(g) => t(`reports.granularities.${g}`)}
          />
        </Form.Item>
        <Form.Item label={t('reports.groupBy')}>
          <ChoiceSelect
            testId="report-group-by"
            values={groupings}
            value={groupBy}
            onChange={setGroupBy}
            labelOf={(g) => t(`reports.groupings.${g}`)}
          />
        </Form.Item>
        <Form.Item>
          <ReportToolbar path="/api/reports/energy" query={query} disabled={data === undefined} />
        </Form.Item>
      </ReportFilters>
      <QueryError error={report.error} retry={() => void report.refetch()} />
      <div className="report-print">
        <Typography.Title level={5} className="report-print-only">
          {t('reports.energyTitle')} {range.from} – {range.to}
        </Typography.Title>
        {data !== undefined && data.rows.length > 0 ? (
          <Suspense fallback={<Spin />}>
            <div className="report-no-print">
              <EnergyChart periods={headings} unfinished={unfinished} series={series} unit="kWh" />
            </div>
          </Suspense>
        ) : null}
        <Table
          data-testid="energy-table"
          size="small"
          rowKey={(row) => `${row.kind}-${row.id}`}
          dataSource={[...(data?.rows ?? [])]}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          {...tableStates(report, data?.rows.length ?? 0, t('reports.noData'))}
          summary={() =>
            data === undefined || data.rows.length === 0 ? null : (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('reports.consumptionTotal')}</Table.Summary.Cell>
                {groupBy === 'meter' ? <Table.Summary.Cell index={1} /> : null}
                {data.totalWh.map((wh, i) => (
                  <Table.Summary.Cell key={data.periods[i]} index={i + 2} align="right">
                    {kwh(wh)}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={data.periods.length + 2} align="right">
                  {kwh(data.totalWh.reduce((s, wh) => s + wh, 0))}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )
          }
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('reports.consumptionNote')}
        </Typography.Paragraph>
        <PeriodNotes report={data} at={data?.madeAtLocal ?? ''} />
      </div>
    </>
  );
}
