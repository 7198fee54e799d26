import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Input, List, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { useSession } from '../../auth/session.tsx';
import { errorText } from '../../shared/error-text.ts';
import { newRequestId } from '../../shared/request-id.ts';
import { fenToYuan, kwhToWh, whToKwh, yuanToFen } from '../../shared/units.ts';
import type { CardImage } from './card-image.ts';
import {
  type Purchase,
  type Quote,
  quoteQuery,
  type SaleResult,
  type VendingSummary,
} from './counter-api.ts';

/** A quote the cashier has in front of them, with the request id its sale will carry. */
interface Quoted {
  readonly purchase: Purchase;
  readonly quote: Quote;
  readonly requestId: string;
}

/**
 * 001 §3.3.1: enter the energy or the money, see the price explained, confirm, sell. The request id is chosen
 * with the quote and kept until the sale is through, so a double click or a retry after a lost answer sells
 * once (the server returns the first sale).
 */
export function SellPanel({
  account,
  card,
  onSold,
}: {
  account: VendingSummary;
  card: CardImage | undefined;
  onSold: (result: SaleResult, cardRead: CardImage | undefined) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const moneyOnly = account.prepaidMode !== 'card';
  const [by, setBy] = useState<'energy' | 'money'>('money');
  const [text, setText] = useState('');
  const [quoted, setQuoted] = useState<Quoted>();
  const [confirming, setConfirming] = useState(false);
  const needsCard = account.prepaidMode === 'card' && card === undefined;

  const purchase = (): Purchase | undefined => {
    if (by === 'money' || moneyOnly) {
      const amountFen = yuanToFen(text);
      return amountFen === undefined || amountFen === 0 ? undefined : { by: 'money', amountFen };
    }
    const energyWh = kwhToWh(text);
    return energyWh === undefined || energyWh === 0 ? undefined : { by: 'energy', energyWh };
  };
  const wanted = purchase();

  const quote = useMutation({
    mutationFn: (p: Purchase) =>
      api.get<Quote>(`/api/vending/accounts/${account.accountId}/quote`, quoteQuery(p)),
    onSuccess: (q, p) => setQuoted({ purchase: p, quote: q, requestId: newRequestId() }),
  });
  const sell = useMutation({
    mutationFn: (q: Quoted) =>
      api.post<SaleResult>(`/api/vending/accounts/${account.accountId}/sales`, {
        requestId: q.requestId,
        ...quoteQuery(q.purchase),
        ...(account.prepaidMode === 'card' && card !== undefined ? { card } : {}),
      }),
    onSuccess: (result) => {
      setConfirming(false);
      setQuoted(undefined);
      setText('');
      onSold(result, card);
    },
  });
  const edit = (change: () => void) => {
    change();
    setQuoted(undefined);
    quote.reset();
    sell.reset();
  };

  const q = quoted?.quote;
  return (
    <Card size="small" title={t('counter.sell.title')} data-testid="sell-panel">
      <Space wrap align="start">
        <Radio.Group
          value={moneyOnly ? 'money' : by}
          onChange={(e) => edit(() => setBy(e.target.value))}
          optionType="button"
          options={[
            { value: 'money', label: t('counter.sell.byMoney') },
            { value: 'energy', label: t('counter.sell.byEnergy'), disabled: moneyOnly },
          ]}
        />
        <Input
          aria-label={t('counter.sell.amount')}
          data-testid="sell-amount"
          style={{ width: 180 }}
          value={text}
          placeholder={by === 'energy' && !moneyOnly ? '100' : '100.00'}
          suffix={by === 'energy' && !moneyOnly ? 'kWh' : t('counter.yuan')}
          status={text !== '' && wanted === undefined ? 'error' : undefined}
          onChange={(e) => edit(() => setText(e.target.value))}
          onPressEnter={() => wanted !== undefined && quote.mutate(wanted)}
        />
        <Button
          disabled={wanted === undefined}
          loading={quote.isPending}
          onClick={() => wanted !== undefined && quote.mutate(wanted)}
        >
          {t('counter.sell.quote')}
        </Button>
      </Space>
      {moneyOnly ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t(`counter.sell.moneyOnly.${account.prepaidMode}`)}
        </Typography.Paragraph>
      ) : null}
      {quote.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={errorText(quote.error, t)}
          style={{ marginTop: 8 }}
        />
      ) : null}
      {q === undefined ? null : (
        <div data-testid="quote" style={{ marginTop: 12 }}>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('counter.sell.price')}>
              <Typography.Text strong data-testid="quote-amount">
                {fenToYuan(q.amountFen)} {t('counter.yuan')}
              </Typography.Text>
            </Descriptions.Item>
            {q.energyWh === 0 ? null : (
              <Descriptions.Item label={t('counter.sell.energy')}>
                {whToKwh(q.energyWh)} kWh
              </Descriptions.Item>
            )}
            {q.changeFen === 0 ? null : (
              <Descriptions.Item label={t('counter.sell.change')}>
                {fenToYuan(q.changeFen)} {t('counter.yuan')}
              </Descriptions.Item>
            )}
            {q.card === null ? null : (
              <Descriptions.Item label={t('counter.sell.writeKwh')}>{q.card.writeKwh} kWh</Descriptions.Item>
            )}
          </Descriptions>
          <List
            size="small"
            header={<Typography.Text type="secondary">{t('counter.sell.explanation')}</Typography.Text>}
            dataSource={[...q.explanation]}
            renderItem={(line) => <List.Item>{line}</List.Item>}
          />
          {needsCard ? (
            <Alert type="warning" showIcon message={t('counter.sell.needCard')} style={{ marginBottom: 8 }} />
          ) : null}
          <Button
            type="primary"
            size="large"
            disabled={needsCard || !session.can('vending.sell') || account.state !== 'open'}
            onClick={() => setConfirming(true)}
          >
            {t('counter.sell.confirm')}
          </Button>
        </div>
      )}
      <Modal
        open={confirming && quoted !== undefined}
        title={t('counter.sell.confirmTitle')}
        okText={t('counter.sell.confirmOk')}
        cancelText={t('common.cancel')}
        confirmLoading={sell.isPending}
        onOk={() => quoted !== undefined && !sell.isPending && sell.mutate(quoted)}
        onCancel={() => setConfirming(false)}
      >
        {q === undefined ? null : (
          <p>
            {t('counter.sell.confirmText', {
              accountNo: account.accountNo,
              name: account.customer.name,
              amount: fenToYuan(q.amountFen),
            })}
          </p>
        )}
        {sell.isError ? (
          <Alert type="error" showIcon role="alert" message={errorText(sell.error, t)} />
        ) : null}
      </Modal>
    </Card>
  );
}
