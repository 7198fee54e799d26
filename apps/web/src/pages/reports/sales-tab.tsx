import type { CashierSalesGroup, SalesGroup, SalesReport } from '@openami/contract';
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
import { kwh } from './report-types.ts';

/** A row of the report: a cashier's or an area's group, or a total per kind (which has no key or name). */
type SalesRow = Omit<SalesGroup, 'key' | 'name'> &
  Partial<Pick<SalesGroup, 'key' | 'name'> & Pick<CashierSalesGroup, 'system'>>;

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
  // Everything in words: kinds, the station (which charges remote accounts), cashiers by display name and
  // areas by their path (both named by the server).
  const nameOf = (g: SalesRow) =>
    g.system === undefined || g.system === null
      ? (g.name ?? g.key ?? '')
      : t(`audit.systemActors.${g.system}`);
  const columns = (keyTitle: string | undefined) => [
    ...(keyTitle === undefined
      ? []
      : [{ title: keyTitle, key: 'name', render: (_: unknown, g: SalesRow) => nameOf(g) }]),
    {
      title: t('reports.saleKind'),
      dataIndex: 'kind',
      render: (kind: string) => t(`counter.entryKinds.${kind}`),
    },
    { title: t('reports.entries'), dataIndex: 'entries', align: 'right' as const },
    { title: t('reports.amountYuan'), dataIndex: 'amountFen', align: 'right' as const, render: fenToYuan },
    { title: t('reports.energyKwh'), dataIndex: 'energyWh', align: 'right' as const, render: kwh },
  ];
  const table = (
    title: string,
    rows: readonly SalesRow[] | undefined,
    keyTitle: string | undefined,
    id: string,
  ) => (
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
        {table(t('reports.salesTotals'), data?.totals, undefined, 'sales-totals')}
        {table(t('reports.byCashier'), data?.byCashier, t('reports.cashier'), 'sales-cashiers')}
        {table(t('reports.byArea'), data?.byArea, t('reports.area'), 'sales-areas')}
      </div>
    </>
  );
}
