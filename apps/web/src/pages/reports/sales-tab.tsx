import { useQuery } from '@tanstack/react-query';
import { Form, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { QueryError } from '../../shared/query-error.tsx';
import { tableStates } from '../../shared/states.tsx';
import { fenToYuan } from '../../shared/units.ts';
import { type RangeValue, ReportFilters } from './report-filters.tsx';
import { ReportToolbar } from './report-toolbar.tsx';
import { kwh, type SalesGroup, type SalesReport } from './report-types.ts';

/** The vending ledger's sales report (售电报表) by cashier and by area, each split by kind. */
export function SalesTab({ initial }: { initial: RangeValue }) {
  const { t } = useTranslation();
  const api = useApi();
  // The sales report covers the caller's areas; it has no area filter of its own.
  const [range, setRange] = useState({ ...initial, areaId: undefined });
  const query = { from: range.from, to: range.to };
  const report = useQuery({
    queryKey: ['reports', 'sales', query],
    queryFn: () => api.get<SalesReport>('/api/vending/reports/sales', query),
  });
  const data = report.data;
  const columns = (keyTitle: string) => [
    { title: keyTitle, key: 'name', render: (_: unknown, g: SalesGroup) => g.name ?? g.key ?? '' },
    { title: t('reports.saleKind'), dataIndex: 'kind' },
    { title: t('reports.entries'), dataIndex: 'entries', align: 'right' as const },
    { title: t('reports.amountYuan'), dataIndex: 'amountFen', align: 'right' as const, render: fenToYuan },
    { title: t('reports.energyKwh'), dataIndex: 'energyWh', align: 'right' as const, render: kwh },
  ];
  const table = (title: string, rows: readonly SalesGroup[] | undefined, keyTitle: string, id: string) => (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {title}
      </Typography.Title>
      <Table
        data-testid={id}
        size="small"
        rowKey={(g) => `${g.key ?? ''}-${g.kind}`}
        dataSource={[...(rows ?? [])]}
        columns={columns(keyTitle)}
        pagination={false}
        {...tableStates(report, rows?.length ?? 0, t('reports.noData'))}
      />
    </>
  );
  return (
    <>
      <ReportFilters value={range} onChange={(next) => setRange({ ...next, areaId: undefined })}>
        <Form.Item>
          <ReportToolbar path="/api/vending/reports/sales" query={query} disabled={data === undefined} />
        </Form.Item>
      </ReportFilters>
      <QueryError error={report.error} retry={() => void report.refetch()} />
      <div className="report-print">
        <Typography.Title level={4} className="report-print-only">
          {t('reports.sales')} {range.from} – {range.to}
        </Typography.Title>
        {table(t('reports.salesTotals'), data?.totals, t('reports.saleKind'), 'sales-totals')}
        {table(t('reports.byCashier'), data?.byCashier, t('reports.cashier'), 'sales-cashiers')}
        {table(t('reports.byArea'), data?.byArea, t('reports.area'), 'sales-areas')}
      </div>
    </>
  );
}
