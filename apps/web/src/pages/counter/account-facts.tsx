import type { VendingSummary } from '@openami/contract';
import { Card, Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { whToKwh } from '../../shared/units.ts';
import { AccountStanding } from './account-standing.tsx';
import { ModeTag } from './mode-tag.tsx';

/** Who the account is, on which meter, how it is prepaid, and where it stands (`AccountStanding`). */
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
      <AccountStanding account={account} />
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
