import type { DailyEnergy, Readings } from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Row, Spin, Tag } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { useSiteTimeZone } from '../../auth/session.tsx';
import { formatTime } from '../../shared/format.ts';
import { liveQuery } from '../../shared/live.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { siteDayBefore } from '../../shared/site-time.ts';
import { EmptyState } from '../../shared/states.tsx';
import { whToKwh } from '../../shared/units.ts';
import type { TimeSeries } from './meter-charts.tsx';

// ECharts loads in its own chunk, after the meter's facts.
const TimeChart = lazy(() => import('./meter-charts.tsx').then((m) => ({ default: m.TimeChart })));
const DayBars = lazy(() => import('./meter-charts.tsx').then((m) => ({ default: m.DayBars })));

const dayMs = 86_400_000;

function points<T extends { readAt: number }>(
  rows: readonly T[],
  value: (row: T) => number | null,
): (readonly [number, number])[] {
  return rows.flatMap((r) => {
    const v = value(r);
    return v === null ? [] : [[r.readAt, v] as const];
  });
}

const chartFallback = (
  <div style={{ height: 240, display: 'grid', placeItems: 'center' }}>
    <Spin />
  </div>
);

function latest<T extends { readAt: number }>(rows: readonly T[]): T | undefined {
  return rows.reduce<T | undefined>(
    (best, row) => (best === undefined || row.readAt > best.readAt ? row : best),
    undefined,
  );
}

/** The newest stored register and instantaneous values, which the live refresh keeps current. */
function LatestValues({ readings }: { readings: Readings }) {
  const { t, i18n } = useTranslation();
  const energy = latest(readings.energy);
  const instant = latest(readings.instant);
  const value = (v: number | null, unit: string) => (v === null ? '—' : `${v} ${unit}`);
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, lg: 2 }}
      style={{ marginBottom: 12 }}
      data-testid="meter-latest"
    >
      {energy === undefined ? null : (
        <Descriptions.Item label={t('meter.latestEnergy')}>
          {whToKwh(energy.activeImportWh)} kWh · {formatTime(energy.readAt, i18n.language)}
        </Descriptions.Item>
      )}
      {instant === undefined ? null : (
        <Descriptions.Item label={t('meter.latestInstant')}>
          {value(instant.voltageL1V, 'V')} · {value(instant.currentL1A, 'A')} ·{' '}
          {value(instant.activePowerW, 'W')} · {formatTime(instant.readAt, i18n.language)}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** Curves of the last 7 days, daily energy of the last 30, and the readings validation doubted. */
export function MeterHistory({ meterId }: { meterId: number }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const timeZone = useSiteTimeZone();
  // The window is fixed when the page opens; reading again refreshes the data, not the window.
  const [now] = useState(() => Date.now());
  const readings = useQuery({
    queryKey: ['meter', meterId, 'readings', now],
    queryFn: () =>
      api.get<Readings>(`/api/meters/${meterId}/readings`, { from: now - 7 * dayMs, to: now + dayMs }),
    ...liveQuery,
  });
  const daily = useQuery({
    queryKey: ['meter', meterId, 'daily', now],
    queryFn: () =>
      api.get<{ days: DailyEnergy[] }>(`/api/meters/${meterId}/energy/daily`, {
        from: siteDayBefore(now, 29, timeZone),
        to: siteDayBefore(now, 0, timeZone),
      }),
    ...liveQuery,
  });

  const curves = useMemo(() => {
    const energy = readings.data?.energy ?? [];
    const instant = readings.data?.instant ?? [];
    const one = (name: string, rows: (readonly [number, number])[]): TimeSeries[] => [{ name, points: rows }];
    return {
      energy: one(
        t('meter.curves.energy'),
        points(energy, (r) => r.activeImportWh / 1000),
      ),
      flagged: points(
        energy.filter((r) => r.flags !== null),
        (r) => r.activeImportWh / 1000,
      ),
      voltage: one(
        t('meter.curves.voltage'),
        points(instant, (r) => r.voltageL1V),
      ),
      current: one(
        t('meter.curves.current'),
        points(instant, (r) => r.currentL1A),
      ),
      power: one(
        t('meter.curves.power'),
        points(instant, (r) => r.activePowerW),
      ),
    };
  }, [readings.data, t]);
  const days = useMemo(
    () => (daily.data?.days ?? []).map((d) => ({ day: d.day, value: d.energyWh / 1000 })),
    [daily.data],
  );
  const flaggedRows = (readings.data?.energy ?? []).filter((r) => r.flags !== null);
  const noReadings =
    readings.data !== undefined && readings.data.energy.length + readings.data.instant.length === 0;

  return (
    <Card title={t('meter.history')} data-testid="meter-history">
      <QueryError error={readings.error} retry={() => void readings.refetch()} />
      <QueryError error={daily.error} retry={() => void daily.refetch()} />
      {readings.isLoading ? chartFallback : null}
      {noReadings ? <EmptyState description={t('meter.noReadings')} /> : null}
      {readings.data === undefined || noReadings ? null : <LatestValues readings={readings.data} />}
      {flaggedRows.length === 0 ? null : (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="flagged-readings"
          message={t('meter.flaggedReadings', { count: flaggedRows.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {flaggedRows.slice(-10).map((r) => (
                <li key={r.readAt}>
                  {formatTime(r.readAt, i18n.language)} · {whToKwh(r.activeImportWh)} kWh ·{' '}
                  {(r.flags ?? '').split(',').map((flag) => (
                    <Tag color="red" key={flag}>
                      {t(`readingFlags.${flag}`, { defaultValue: flag })}
                    </Tag>
                  ))}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {readings.data === undefined || noReadings ? null : (
        <Suspense fallback={chartFallback}>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <TimeChart
                series={curves.energy}
                unit="kWh"
                flagged={curves.flagged}
                flaggedName={t('meter.flagged')}
                testId="chart-energy"
              />
            </Col>
            <Col xs={24} xl={12}>
              <TimeChart series={curves.voltage} unit="V" testId="chart-voltage" />
            </Col>
            <Col xs={24} xl={12}>
              <TimeChart series={curves.current} unit="A" testId="chart-current" />
            </Col>
            <Col xs={24} xl={12}>
              <TimeChart series={curves.power} unit="W" testId="chart-power" />
            </Col>
          </Row>
        </Suspense>
      )}
      <h4 style={{ marginTop: 16 }}>{t('meter.dailyEnergy')}</h4>
      {daily.isLoading ? (
        chartFallback
      ) : days.length === 0 ? (
        <EmptyState description={t('meter.noDailyEnergy')} />
      ) : (
        <Suspense fallback={chartFallback}>
          <DayBars days={days} name={t('meter.dailyEnergy')} unit="kWh" testId="chart-daily" />
        </Suspense>
      )}
    </Card>
  );
}
