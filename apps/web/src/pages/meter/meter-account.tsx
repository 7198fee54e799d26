import { ShopOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import { useSession } from '../../auth/session.tsx';
import { formatTime } from '../../shared/format.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { fenToYuan, whToKwh } from '../../shared/units.ts';
import type { PrepaidMode } from '../counter/counter-api.ts';
import { ModeTag } from '../counter/mode-tag.tsx';

/** Where the prepaid money or energy stands, as `GET /api/meters/:id/account` words it. */
type Balance =
  | {
      readonly kind: 'money';
      readonly source: 'ledger' | 'meter';
      readonly amountFen: number;
      readonly at: number;
    }
  | { readonly kind: 'energy'; readonly source: 'meter'; readonly energyWh: number; readonly at: number }
  | { readonly kind: 'unknown' };

export interface MeterAccountView {
  readonly account: {
    readonly id: number;
    readonly accountNo: string;
    readonly prepaidMode: PrepaidMode;
    readonly openedAt: number;
    readonly alarmEnergyWh: number;
    readonly customer: {
      readonly id: number;
      readonly code: string;
      readonly name: string;
      readonly unit: string;
      readonly address: string;
    } | null;
  } | null;
  /** Null for a role that may not read the vending ledger. */
  readonly amounts: {
    readonly balance: Balance;
    readonly netPaidFen: number;
    readonly netEnergyWh: number;
    readonly purchaseCount: number;
    readonly lastSale: {
      readonly id: number;
      readonly at: number;
      readonly amountFen: number;
      readonly energyWh: number;
      readonly invoiceNo: string | null;
    } | null;
  } | null;
}

/** 账户与余额: the meter's open account, and for those who may read the ledger where its money stands. */
export function MeterAccount({ meterId }: { meterId: number }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const session = useSession();
  const query = useQuery({
    queryKey: ['meter', meterId, 'account'],
    queryFn: () => api.get<MeterAccountView>(`/api/meters/${meterId}/account`),
  });
  const account = query.data?.account;
  const amounts = query.data?.amounts;
  const balanceText = (balance: Balance) => {
    if (balance.kind === 'unknown') return t('meter.account.balanceUnknown');
    const value =
      balance.kind === 'money'
        ? t('meter.account.yuan', { amount: fenToYuan(balance.amountFen) })
        : t('meter.account.kwh', { energy: whToKwh(balance.energyWh) });
    return balance.source === 'ledger'
      ? t('meter.account.fromLedger', { value })
      : t('meter.account.fromMeter', { value, at: formatTime(balance.at, i18n.language) });
  };
  const counter =
    account && session.can('vending.read') ? (
      <Link to={`/vending/counter?account=${encodeURIComponent(account.accountNo)}`} data-testid="to-counter">
        <Button icon={<ShopOutlined />}>{t('meter.account.toCounter')}</Button>
      </Link>
    ) : null;

  return (
    <Card title={t('meter.account.title')} data-testid="meter-account" extra={counter}>
      <QueryError error={query.error} retry={() => void query.refetch()} />
      {query.isLoading ? (
        <div style={{ padding: 24, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : null}
      {query.data !== undefined && account === null ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meter.account.none')} />
      ) : null}
      {account ? (
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('meter.account.accountNo')}>{account.accountNo}</Descriptions.Item>
          <Descriptions.Item label={t('meter.account.customer')}>
            {account.customer?.name ?? ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('meter.account.room')}>
            {[account.customer?.unit, account.customer?.address]
              .filter((s) => s !== undefined && s !== '')
              .join(' · ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('meter.account.mode')}>
            <ModeTag mode={account.prepaidMode} />
          </Descriptions.Item>
          <Descriptions.Item label={t('meter.account.openedAt')}>
            {formatTime(account.openedAt, i18n.language)}
          </Descriptions.Item>
          {amounts ? (
            <>
              <Descriptions.Item label={t('meter.account.balance')}>
                <span data-testid="account-balance">{balanceText(amounts.balance)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('meter.account.paid')}>
                {t('meter.account.yuan', { amount: fenToYuan(amounts.netPaidFen) })}
              </Descriptions.Item>
              {account.prepaidMode === 'remote' ? null : (
                <Descriptions.Item label={t('meter.account.purchases')}>
                  {t('meter.account.purchasesValue', {
                    count: amounts.purchaseCount,
                    energy: whToKwh(amounts.netEnergyWh),
                  })}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('meter.account.lastSale')}>
                {amounts.lastSale === null
                  ? t('meter.account.noSale')
                  : t('meter.account.lastSaleValue', {
                      at: formatTime(amounts.lastSale.at, i18n.language),
                      amount: fenToYuan(amounts.lastSale.amountFen),
                    })}
              </Descriptions.Item>
            </>
          ) : (
            <Descriptions.Item label={t('meter.account.balance')}>
              <Typography.Text type="secondary">{t('meter.account.amountsHidden')}</Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
      ) : null}
    </Card>
  );
}
