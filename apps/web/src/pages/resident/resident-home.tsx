import { useQuery } from '@tanstack/react-query';
import { Card, List, Spin, Statistic, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { formatTime } from '../../shared/format.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { EmptyState } from '../../shared/states.tsx';
import { asRegistered, fenToYuan, whToKwh } from '../../shared/units.ts';
import { type ResidentAccount, residentApi } from './resident-api.ts';

const UsageChart = lazy(() => import('./usage-chart.tsx'));

const alarmKinds = new Set([
  'low-balance',
  'balance-exhausted',
  'meter-unreachable',
  'power-down',
  'cover-open',
  'terminal-cover-open',
  'relay-tripped',
  'overload-trip',
  'no-consumption',
  'consumption-spike',
]);

function BalanceCard({ account }: { account: ResidentAccount }) {
  const { t, i18n } = useTranslation();
  const balance = account.balance;
  return (
    <Card size="small" title={t(`resident.modes.${account.prepaidMode}`)} data-testid="resident-balance">
      {balance.kind === 'unknown' ? (
        <Typography.Text type="secondary">{t('resident.balance.unknown')}</Typography.Text>
      ) : (
        <>
          <Statistic
            title={t(balance.kind === 'money' ? 'resident.balance.money' : 'resident.balance.energy')}
            value={
              balance.kind === 'money'
                ? fenToYuan(balance.amountFen)
                : whToKwh(balance.energyWh, asRegistered)
            }
            suffix={balance.kind === 'money' ? t('resident.units.yuan') : t('resident.units.kwh')}
          />
          <Typography.Text type="secondary">
            {t(balance.source === 'ledger' ? 'resident.balance.fromLedger' : 'resident.balance.fromMeter', {
              time: formatTime(balance.at, i18n.language),
            })}
          </Typography.Text>
        </>
      )}
      <div style={{ marginTop: 8 }}>
        <Typography.Text>
          {t('resident.balance.meter', { meterNo: account.meterNo })}
          {account.lastReading === null
            ? ''
            : ` · ${t('resident.balance.reading', { kwh: whToKwh(account.lastReading.activeImportWh, asRegistered) })}`}
        </Typography.Text>
      </div>
    </Card>
  );
}

function UsageCard() {
  const { t } = useTranslation();
  const api = useApi();
  const usage = useQuery({ queryKey: ['resident', 'usage'], queryFn: () => residentApi.usage(api, 30) });
  const total = (usage.data?.days ?? []).reduce((sum, d) => sum + d.energyWh, 0);
  return (
    <Card size="small" title={t('resident.usage.title')} data-testid="resident-usage">
      {usage.error !== null ? (
        <QueryError error={usage.error} retry={() => void usage.refetch()} />
      ) : usage.data === undefined ? (
        <Spin style={{ display: 'block', margin: '24px auto' }} />
      ) : usage.data.days.length === 0 ? (
        <EmptyState description={t('resident.usage.none')} />
      ) : (
        <>
          <Typography.Text type="secondary">
            {t('resident.usage.total', { kwh: whToKwh(total, asRegistered), days: usage.data.days.length })}
          </Typography.Text>
          <Suspense fallback={<div style={{ height: 200 }} />}>
            <UsageChart days={usage.data.days} unit={t('resident.units.kwh')} />
          </Suspense>
        </>
      )}
    </Card>
  );
}

function PurchasesCard() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const purchases = useQuery({
    queryKey: ['resident', 'purchases'],
    queryFn: () => residentApi.purchases(api),
  });
  return (
    <Card size="small" title={t('resident.purchases.title')} data-testid="resident-purchases">
      {purchases.error !== null ? (
        <QueryError error={purchases.error} retry={() => void purchases.refetch()} />
      ) : (
        <List
          size="small"
          loading={purchases.isLoading}
          dataSource={purchases.data?.items ?? []}
          locale={{ emptyText: <EmptyState description={t('resident.purchases.none')} /> }}
          renderItem={(p) => (
            <List.Item extra={`${fenToYuan(p.amountFen)} ${t('resident.units.yuan')}`}>
              <List.Item.Meta
                title={
                  <>
                    {t(`resident.purchases.kinds.${p.kind}`)}
                    {p.energyWh === 0
                      ? ''
                      : ` · ${whToKwh(p.energyWh, asRegistered)} ${t('resident.units.kwh')}`}
                  </>
                }
                description={formatTime(p.at, i18n.language)}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function AlarmsCard() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const alarms = useQuery({ queryKey: ['resident', 'alarms'], queryFn: () => residentApi.alarms(api) });
  return (
    <Card size="small" title={t('resident.alarms.title')} data-testid="resident-alarms">
      {alarms.error !== null ? (
        <QueryError error={alarms.error} retry={() => void alarms.refetch()} />
      ) : (
        <List
          size="small"
          loading={alarms.isLoading}
          dataSource={alarms.data?.items ?? []}
          locale={{ emptyText: <EmptyState description={t('resident.alarms.none')} /> }}
          renderItem={(a) => (
            <List.Item
              extra={
                <Tag color={a.state === 'cleared' ? 'default' : 'orange'}>
                  {t(a.state === 'cleared' ? 'resident.alarms.cleared' : 'resident.alarms.open')}
                </Tag>
              }
            >
              <List.Item.Meta
                title={
                  alarmKinds.has(a.kind) ? t(`resident.alarmKinds.${a.kind}`) : t('resident.alarmKinds.other')
                }
                description={formatTime(a.raisedAt, i18n.language)}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** Balance, the last 30 days' use, purchases and alarms, one card under another for a phone's width. */
export function ResidentHome({ account }: { account: ResidentAccount }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Typography.Text strong data-testid="resident-account">
        {t('resident.home.greeting', { name: account.customerName, accountNo: account.accountNo })}
      </Typography.Text>
      <BalanceCard account={account} />
      <UsageCard />
      <PurchasesCard />
      <AlarmsCard />
    </div>
  );
}
