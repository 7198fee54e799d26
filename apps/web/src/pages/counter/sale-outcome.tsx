import { DownloadOutlined, PrinterOutlined, RedoOutlined } from '@ant-design/icons';
import type { Delivery, MeterCommand, SaleResult } from '@openami/contract';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { NetworkError } from '../../api/client.ts';
import { saveFile } from '../../archives/table-files.ts';
import { errorText } from '../../shared/error-text.ts';
import { reasonText } from '../../shared/reason-text.ts';
import { newRequestId } from '../../shared/request-id.ts';
import { fenToYuan, whToKwh } from '../../shared/units.ts';
import { type CardImage, cardFileName, cardJson, cardToWrite } from './card-image.ts';
import type { SoldSale } from './counter-api.ts';
import { canSendAgain, type DeliveryView, deliveryStatus } from './delivery.ts';
import type { ReceiptRequest } from './receipt-view.tsx';
import { specialFactItems } from './special-card-facts.tsx';
import { specialFacts } from './special-cards.ts';

/** Offers the image to write as a file, and puts it in the reader as if written. */
export function CardToWrite({
  image,
  onWritten,
}: {
  image: CardImage;
  onWritten: (card: CardImage) => void;
}) {
  const { t } = useTranslation();
  const data = image.data;
  const special = specialFacts(image);
  return (
    <div data-testid="card-to-write">
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} title={t('counter.outcome.cardTitle')}>
        <Descriptions.Item label={t('counter.card.cardId')}>{image.cardId}</Descriptions.Item>
        {special === undefined ? (
          <>
            <Descriptions.Item label={t('counter.meter')}>{String(data.meterNo ?? '')}</Descriptions.Item>
            <Descriptions.Item label={t('counter.cardSerial')}>
              {String(data.cardSerial ?? '')}
            </Descriptions.Item>
            <Descriptions.Item label={t('counter.purchaseCount')}>
              {String(data.purchaseCount ?? '')}
            </Descriptions.Item>
            <Descriptions.Item label={t('counter.sell.writeKwh')}>
              {String(data.purchaseKwh ?? '')} kWh
            </Descriptions.Item>
          </>
        ) : (
          <>
            <Descriptions.Item label={t('counterCards.card.kind')}>
              {t(`counter.card.kinds.${data.kind}`)}
            </Descriptions.Item>
            {specialFactItems(t, special)}
          </>
        )}
      </Descriptions>
      <Space style={{ marginTop: 8 }}>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            saveFile(new Blob([cardJson(image)], { type: 'application/json' }), cardFileName(image))
          }
        >
          {t('counter.outcome.downloadCard')}
        </Button>
        <Button onClick={() => onWritten(image)}>{t('counter.outcome.writeCard')}</Button>
      </Space>
    </div>
  );
}

function commandText(t: TFunction, command: MeterCommand): string {
  return t('counter.outcome.command', {
    kind: t(`counter.commandKinds.${command.kind}`, { defaultValue: command.kind }),
    state: t(`counter.commandStates.${command.state}`),
  });
}

/** A local sale's top-up: confirmed, failed with the reason, or not sent; send again when it did not land. */
function LocalDelivery({
  entryId,
  amountFen,
  delivery,
  onResent,
}: {
  entryId: number;
  amountFen: number;
  delivery: DeliveryView;
  /** After a resend: where the account's money stands may have changed. */
  onResent: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [latest, setLatest] = useState(delivery);
  const again = useMutation({
    mutationFn: async () => {
      try {
        return (
          await api.post<{ delivery: Delivery }>(`/api/vending/entries/${entryId}/top-up`, {
            requestId: newRequestId(),
          })
        ).delivery;
      } catch (error) {
        // 503: still no collector reaching the meter; the answer is a delivery, not an error body.
        if (error instanceof NetworkError && error.message === 'HTTP 503')
          return { state: 'not-sent', reason: t('counter.delivery.stillNotSent') } satisfies DeliveryView;
        throw error;
      }
    },
    onSuccess: (next) => {
      setLatest(next);
      onResent();
    },
  });
  const status = deliveryStatus(latest);
  const why = 'why' in status ? reasonText(t, status.why) : '';
  const type = status.kind === 'confirmed' ? 'success' : status.kind === 'pending' ? 'info' : 'error';
  return (
    <Alert
      data-testid="delivery"
      type={type}
      showIcon
      message={t(`counter.delivery.${status.kind}`)}
      description={
        <>
          {latest.money === undefined ? null : (
            <div data-testid="delivery-money">
              {t(`counter.delivery.money.${latest.money}`, { amount: fenToYuan(amountFen) })}
            </div>
          )}
          {why === '' ? null : <div data-testid="delivery-reason">{why}</div>}
          {again.isError ? <div role="alert">{errorText(again.error, t)}</div> : null}
        </>
      }
      action={
        canSendAgain(status) ? (
          <Button icon={<RedoOutlined />} loading={again.isPending} onClick={() => again.mutate()}>
            {t('counter.delivery.sendAgain')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** The remote account's relay after the top-up: the close command's outcome, or none needed. */
function RemoteOutcome({ result }: { result: SaleResult }) {
  const { t } = useTranslation();
  const command = result.command;
  return (
    <Alert
      data-testid="relay-outcome"
      type={
        command === undefined || command.state === 'confirmed'
          ? 'success'
          : command.state === 'failed'
            ? 'error'
            : 'info'
      }
      showIcon
      message={command === undefined ? t('counter.outcome.noCommand') : commandText(t, command)}
      description={command === undefined ? undefined : reasonText(t, command) || undefined}
    />
  );
}

/** The sale just made: its figures, what reaches the meter (card, relay or top-up), and its receipt. */
export function SaleOutcome({
  sale,
  accountId,
  mode,
  onReceipt,
  onCardWritten,
  onResent = () => {},
}: {
  sale: SoldSale;
  accountId: number;
  mode: 'card' | 'remote' | 'local';
  onReceipt: (request: ReceiptRequest) => void;
  onCardWritten: (card: CardImage) => void;
  /** A local top-up was sent again. */
  onResent?: () => void;
}) {
  const { t } = useTranslation();
  const { result } = sale;
  const written = result.details.card ?? null;
  return (
    <Card size="small" title={t('counter.outcome.title')} data-testid="sale-outcome">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert
          type="success"
          showIcon
          message={
            <Space wrap>
              {t('counter.outcome.sold', {
                invoiceNo: result.invoiceNo ?? '',
                amount: fenToYuan(result.amountFen),
              })}
              {result.energyWh === 0 ? null : <span>{whToKwh(result.energyWh)} kWh</span>}
              {result.replayed ? <Tag>{t('counter.outcome.replayed')}</Tag> : null}
            </Space>
          }
        />
        {mode === 'card' && written !== null ? (
          <CardToWrite
            image={cardToWrite(sale.cardRead, written, `${written.accountNo}-${written.cardSerial}`)}
            onWritten={onCardWritten}
          />
        ) : null}
        {mode === 'remote' ? <RemoteOutcome result={result} /> : null}
        {mode === 'local' && result.delivery !== undefined ? (
          <LocalDelivery
            key={result.id}
            entryId={result.id}
            amountFen={result.amountFen}
            delivery={result.delivery}
            onResent={onResent}
          />
        ) : null}
        <Space wrap>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            onClick={() => onReceipt({ kind: 'entry', entryId: result.id })}
          >
            {t('counter.receipt.print')}
          </Button>
          <Button onClick={() => onReceipt({ kind: 'reprint', accountId, seq: Date.now() })}>
            {t('counter.receipt.reprint')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
