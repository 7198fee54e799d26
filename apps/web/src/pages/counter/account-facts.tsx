import { Card, Descriptions, Space, Statistic, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { fenToYuan, whToKwh } from '../../shared/units.ts';
import type { VendingSummary } from './counter-api.ts';
import { ModeTag } from './mode-tag.tsx';

/** Who the account is, on which meter, how it is prepaid, and where its money and purchases stand. */
export function AccountFacts({ account }: { account: VendingSummary }) {
  const { t } = useTranslation();
  const { balance } = account;
  return (
    <Card
      size="small"
      data-testid="account-facts"
      title={
        <Space wrap>
          <span>
            {t('counter.accountTitle', { accountNo: account.accountNo, name: account.customer.name })}
          </span>
          <ModeTag mode={account.prepaidMode} />
          {account.state === 'open' ? null : <Tag>{t('counter.closed')}</Tag>}
        </Space>
      }
    >
      <Space size="large" wrap style={{ marginBottom: 8 }}>
        <Statistic
          title={t('counter.balance')}
          value={fenToYuan(balance.balanceFen)}
          suffix={t('counter.yuan')}
          valueStyle={{ color: balance.balanceFen < 0 ? '#cf1322' : undefined }}
          data-testid="balance"
        />
        <Statistic
          title={t('counter.purchaseCount')}
          value={balance.purchaseCount}
          data-testid="purchase-count"
        />
        <Statistic title={t('counter.netEnergy')} value={whToKwh(balance.netEnergyWh)} suffix="kWh" />
      </Space>
      <Descriptions size="small" column={{ xs: 1, lg: 2, xxl: 3 }}>
        <Descriptions.Item label={t('counter.customer')}>{account.customer.name}</Descriptions.Item>
        <Descriptions.Item label={t('counter.address')}>{account.customer.address || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('counter.meter')}>
          {account.meter.factoryNo}
          {account.meter.multiplier === 1 ? '' : ` ×${account.meter.multiplier}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('counter.tariffKind')}>
          {t(`counter.tariffKinds.${account.tariff.kind}`, { defaultValue: account.tariff.kind })}
        </Descriptions.Item>
        {account.prepaidMode === 'card' ? (
          <Descriptions.Item label={t('counter.cardSerial')}>
            {account.card.cardSerial}
            {account.card.presetKwh > 0
              ? ` · ${t('counter.presetText', { kwh: account.card.presetKwh })}`
              : ''}
          </Descriptions.Item>
        ) : null}
        {balance.pendingAdjustmentWh === 0 ? null : (
          <Descriptions.Item label={t('counter.pendingAdjustment')}>
            {whToKwh(balance.pendingAdjustmentWh)} kWh
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
