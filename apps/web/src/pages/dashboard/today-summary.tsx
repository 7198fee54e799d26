import type { CollectionRun, EnergyReport, Page, SalesReport } from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import { useSession, useSiteTimeZone } from '../../auth/session.tsx';
import { liveQuery, runsRefreshMs } from '../../shared/live.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { siteDayBefore, startOfSiteDay } from '../../shared/site-time.ts';
import { fenToYuan } from '../../shared/units.ts';

const EnergyTrendChart = lazy(() => import('./energy-trend-chart.tsx'));
const TREND_DAYS = 14;

/** The last fortnight's energy over the user's areas, a bar a day. */
export function EnergyTrend() {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const timeZone = useSiteTimeZone();
  const canRead = session.can('meter.read');
  const report = useQuery({
    queryKey: ['/api/reports/energy', 'dashboard-trend'],
    queryFn: () =>
      api.get<EnergyReport>('/api/reports/energy', {
        granularity: 'day',
        from: siteDayBefore(Date.now(), TREND_DAYS - 1, timeZone),
        to: siteDayBefore(Date.now(), 0, timeZone),
        groupBy: 'area',
      }),
    enabled: canRead,
    refetchInterval: 300_000,
  });
  if (!canRead) return null;
  return (
    <Card title={t('dashboard.energyTrend')} style={{ marginTop: 16 }} loading={report.isLoading}>
      <QueryError error={report.error} retry={() => void report.refetch()} />
      {report.data === undefined ? null : (
        <Suspense fallback={null}>
          <EnergyTrendChart
            days={report.data.periods}
            energyWh={report.data.totalWh}
            unit="kWh"
            emptyText={t('common.noData')}
          />
        </Suspense>
      )}
    </Card>
  );
}

/**
 * Today's collection success rate (meters read over meters asked, across today's finished reading runs)
 * and today's sales, asked again every 15 s while the tab is shown (every 3 s while a run is going).
 */
export function TodaySummary() {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const timeZone = useSiteTimeZone();
  const canRuns = session.can('collection.read');
  const canSales = session.can('vending.read');
  const runs = useQuery({
    queryKey: ['/api/collection/runs', 'today'],
    queryFn: () =>
      api.get<Page<CollectionRun>>('/api/collection/runs', {
        kind: 'read',
        from: startOfSiteDay(Date.now(), timeZone),
        sort: 'id',
        direction: 'desc',
        limit: 500,
      }),
    enabled: canRuns,
    ...liveQuery,
    refetchInterval: (query) => runsRefreshMs(query.state.data?.items),
  });
  // No dates: the server reports today at the site, in the site's time zone, not the browser's.
  const sales = useQuery({
    queryKey: ['/api/vending/reports/sales', 'today'],
    queryFn: () => api.get<SalesReport>('/api/vending/reports/sales'),
    enabled: canSales,
    ...liveQuery,
  });
  if (!canRuns && !canSales) return null;
  const finished = (runs.data?.items ?? []).filter((run) => run.status === 'finished' && run.metersTotal > 0);
  const asked = finished.reduce((sum, run) => sum + run.metersTotal, 0);
  const read = finished.reduce((sum, run) => sum + run.metersTotal - run.metersFailed, 0);
  const sold = (sales.data?.totals ?? []).filter((row) => row.kind === 'sale');
  const soldFen = sold.reduce((sum, row) => sum + row.amountFen, 0);
  const soldCount = sold.reduce((sum, row) => sum + row.entries, 0);
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      {canRuns ? (
        <Col xs={24} sm={12} lg={6}>
          <Card data-testid="today-success-rate">
            <QueryError error={runs.error} retry={() => void runs.refetch()} />
            <Link to="/collection">
              <Statistic
                title={t('dashboard.todaySuccessRate')}
                loading={runs.isLoading}
                value={asked === 0 ? '—' : ((100 * read) / asked).toFixed(1)}
                suffix={asked === 0 ? undefined : '%'}
              />
            </Link>
            <div>{t('dashboard.todayRuns', { runs: finished.length, read, asked })}</div>
          </Card>
        </Col>
      ) : null}
      {canSales ? (
        <Col xs={24} sm={12} lg={6}>
          <Card data-testid="today-sales">
            <QueryError error={sales.error} retry={() => void sales.refetch()} />
            <Statistic
              title={t('dashboard.todaySales')}
              loading={sales.isLoading}
              value={fenToYuan(soldFen)}
              suffix={t('dashboard.yuan')}
            />
            <div>{t('dashboard.todaySalesCount', { count: soldCount })}</div>
          </Card>
        </Col>
      ) : null}
    </Row>
  );
}
