import { meterStates, type Page, type Permission } from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import type { Query } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { liveQuery } from '../../shared/live.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { useRunsEnded } from '../../shared/use-runs-ended.ts';
import { AlarmSummary } from './alarm-summary.tsx';
import { faultyMeters, useMonitoringPoints } from './monitoring-points.ts';
import { EnergyTrend, TodaySummary } from './today-summary.tsx';

// ECharts is large: the chart loads in its own chunk, after the counts.
const MeterStateChart = lazy(() => import('./meter-state-chart.tsx'));

/** How many records a list endpoint holds for a filter: one item asked for, the total read. */
function useCount(path: string, query: Query, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [path, 'count', query],
    queryFn: async () => (await api.get<Page<unknown>>(path, { ...query, limit: 1 })).total,
    enabled,
    ...liveQuery,
  });
}

interface CountCardProps {
  readonly titleKey: string;
  readonly path: string;
  readonly query?: Query;
  readonly permission: Permission;
  readonly link: string;
}

function CountCard({ titleKey, path, query = {}, permission, link }: CountCardProps) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const count = useCount(path, query, session.can(permission));
  if (!session.can(permission)) return null;
  return (
    <Col xs={24} sm={12} lg={6}>
      <Card hoverable onClick={() => navigate(link)} data-testid={`count-${titleKey}`}>
        {count.isError ? (
          <QueryError error={count.error} retry={() => void count.refetch()} />
        ) : (
          <Statistic title={t(titleKey)} value={count.data ?? 0} loading={count.isLoading} />
        )}
      </Card>
    </Col>
  );
}

/**
 * Meters in fault, as the server judges them (the monitoring view's red: marked faulty in the archive, or an
 * open fault alarm on the meter or its port): the same figure, from the same query, as the alarm card's.
 */
function FaultyMetersCard() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const points = useMonitoringPoints(session.can('alarm.read'));
  if (!session.can('alarm.read')) return null;
  return (
    <Col xs={24} sm={12} lg={6}>
      <Card hoverable onClick={() => navigate('/monitor')} data-testid="count-dashboard.faultyMeters">
        {points.isError ? (
          <QueryError error={points.error} retry={() => void points.refetch()} />
        ) : (
          <Statistic
            title={t('dashboard.faultyMeters')}
            value={faultyMeters(points.data)}
            loading={points.isLoading}
          />
        )}
      </Card>
    </Col>
  );
}

/** What a finished run moves on the dashboard: today's runs and energy, meters online and in fault. */
const runsMove = [['/api/collection/runs'], ['/api/reports/energy'], ['/api/monitoring/meters']] as const;

/**
 * The office's first page: what the archive holds now, today's collection and sales, the newest alarms; all of
 * it refreshes by itself (shared/live.ts, the alarm feed, each run as it ends) while the tab is shown.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const session = useSession();
  const api = useApi();
  const canMeters = session.can('meter.read');
  useRunsEnded(runsMove, session.can('collection.read'));
  const byState = useQuery({
    queryKey: ['/api/meters', 'by-state'],
    queryFn: async () =>
      Promise.all(
        meterStates.map(async (state) => ({
          state,
          count: (await api.get<Page<unknown>>('/api/meters', { state, limit: 1 })).total,
        })),
      ),
    enabled: canMeters,
    ...liveQuery,
  });
  return (
    <>
      <Typography.Title level={4}>{t('dashboard.title')}</Typography.Title>
      <TodaySummary />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <CountCard
          titleKey="dashboard.meters"
          path="/api/meters"
          permission="meter.read"
          link="/archives/meters"
        />
        <CountCard
          titleKey="dashboard.installedMeters"
          path="/api/meters"
          query={{ state: 'installed' }}
          permission="meter.read"
          link="/archives/meters"
        />
        <FaultyMetersCard />
        <CountCard
          titleKey="dashboard.customers"
          path="/api/customers"
          permission="customer.read"
          link="/archives/customers"
        />
        <CountCard
          titleKey="dashboard.terminals"
          path="/api/terminals"
          permission="terminal.read"
          link="/archives/terminals"
        />
        <CountCard
          titleKey="dashboard.areas"
          path="/api/areas"
          permission="area.read"
          link="/archives/areas"
        />
        <CountCard titleKey="dashboard.users" path="/api/users" permission="user.read" link="/admin/users" />
      </Row>
      {canMeters ? (
        <Card title={t('dashboard.metersByState')} style={{ marginTop: 16 }}>
          <QueryError error={byState.error} retry={() => void byState.refetch()} />
          {byState.data === undefined ? null : (
            <Suspense fallback={null}>
              <MeterStateChart
                slices={byState.data.map(({ state, count }) => ({
                  name: t(`meterStates.${state}`),
                  value: count,
                }))}
                emptyText={t('common.noData')}
              />
            </Suspense>
          )}
        </Card>
      ) : null}
      <EnergyTrend />
      {session.can('alarm.read') ? <AlarmSummary /> : null}
    </>
  );
}
