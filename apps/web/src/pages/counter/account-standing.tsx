import type { PrepaidBalance, VendingSummary } from '@openami/contract';
import { Alert, Space, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../shared/format.ts';
import { fenToYuan, whToKwh } from '../../shared/units.ts';

/**
 * Where an account stands, in its prepaid mode's terms (issue 22): a card meter keeps the energy, a local
 * meter keeps the money, so theirs is what the meter said at its latest reading, with when; only a remote
 * account's money is the station's own. Energy bought never has metered use taken off it.
 */
export function AccountStanding({ account }: { account: VendingSummary }) {
  const { t } = useTranslation();
  const { balance, remaining } = account;
  const yuan = t('counter.yuan');
  const figures: ReactNode[] = [];
  if (account.prepaidMode === 'remote') {
    figures.push(
      <Statistic
        key="balance"
        title={t('counter.standing.balance')}
        value={fenToYuan(balance.balanceFen)}
        suffix={yuan}
        valueStyle={{ color: balance.balanceFen < 0 ? '#cf1322' : undefined }}
        data-testid="balance"
      />,
      <Statistic
        key="count"
        title={t('counter.standing.topUpCount')}
        value={balance.purchaseCount}
        data-testid="purchase-count"
      />,
      <Statistic
        key="paid"
        title={t('counter.standing.paid')}
        value={fenToYuan(balance.netPaidFen)}
        suffix={yuan}
      />,
      <Statistic
        key="used"
        title={t('counter.standing.used')}
        value={whToKwh(balance.consumedWh)}
        suffix="kWh"
        data-testid="consumed"
      />,
      <Statistic
        key="charged"
        title={t('counter.standing.charged')}
        value={fenToYuan(balance.consumedFen)}
        suffix={yuan}
      />,
    );
  } else {
    const card = account.prepaidMode === 'card';
    figures.push(
      <MeterHolds key="meter" remaining={remaining} card={card} />,
      <Statistic
        key="count"
        title={t(card ? 'counter.standing.purchaseCount' : 'counter.standing.topUpCount')}
        value={balance.purchaseCount}
        data-testid="purchase-count"
      />,
      <Statistic
        key="paid"
        title={t('counter.standing.paid')}
        value={fenToYuan(balance.netPaidFen)}
        suffix={yuan}
      />,
    );
    if (card) {
      figures.push(
        <Statistic
          key="bought"
          title={t('counter.standing.bought')}
          value={whToKwh(balance.boughtWh)}
          suffix="kWh"
          data-testid="bought"
        />,
      );
    }
  }
  return (
    <>
      {balance.drift.length > 0 && (
        <Alert
          type="error"
          showIcon
          message={t('counter.standing.drift')}
          style={{ marginBottom: 8 }}
          data-testid="balance-drift"
        />
      )}
      <Space size="large" wrap align="start" style={{ marginBottom: 8 }}>
        {figures}
      </Space>
    </>
  );
}

/** What the meter said it holds at its latest reading: energy on a card meter, money on a local one. */
function MeterHolds({ remaining, card }: { remaining: PrepaidBalance; card: boolean }) {
  const { t, i18n } = useTranslation();
  const title = t(card ? 'counter.standing.meterEnergy' : 'counter.standing.meterMoney');
  if (remaining.kind === 'unknown') {
    return (
      <Statistic
        title={title}
        value={t('counter.standing.notRead')}
        valueStyle={{ fontSize: 16 }}
        data-testid="meter-holds"
      />
    );
  }
  return (
    <div data-testid="meter-holds">
      <Statistic
        title={title}
        value={remaining.kind === 'energy' ? whToKwh(remaining.energyWh) : fenToYuan(remaining.amountFen)}
        suffix={remaining.kind === 'energy' ? 'kWh' : t('counter.yuan')}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="meter-read-at">
        {t('counter.standing.readAt', { at: formatTime(remaining.at, i18n.language) })}
      </Typography.Text>
    </div>
  );
}
