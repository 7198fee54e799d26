import type {
  Approval,
  CustomerCardData,
  LedgerEntry,
  LockedCardTransfer,
  VendingSummary,
} from '@openami/contract';
import { App, Button, Card, Form, Input, InputNumber, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { useSession } from '../../auth/session.tsx';
import { FormModal } from '../../shared/form-modal.tsx';
import { newRequestId } from '../../shared/request-id.ts';
import { fenToYuan, kwhToWh, yuanToFen } from '../../shared/units.ts';
import { type CardImage, cardToWrite } from './card-image.ts';
import { LockedTransferFields, TransferOutcome } from './locked-card-transfer.tsx';
import { lockedCardInReader } from './locked-transfer.ts';
import { MeterPicker } from './pickers.tsx';
import { CardToWrite } from './sale-outcome.tsx';

type Operation =
  | 'replaceCard'
  | 'transferLocked'
  | 'preset'
  | 'replaceMeter'
  | 'adjust'
  | 'cancel'
  | 'refund';

/** The dialog open, with the request id chosen when it opened: a repeated OK is one movement. */
interface Open {
  readonly operation: Operation;
  readonly requestId: string;
}

interface Values {
  readonly reason: string;
  readonly presetKwh?: number;
  readonly newMeterId?: number;
  readonly oldRemainingKwh?: string;
  readonly adjustmentKwh?: string;
  readonly amountYuan?: string;
  readonly energyKwh?: string;
  readonly lockedCard?: CardImage;
  readonly newCard?: CardImage;
}

/** The answer of a request above the site's amount: kept for a second person's approval. */
type Held = { readonly approval: Approval };
const awaitsApproval = (answer: object): answer is Held => 'approval' in answer;

const signedKwh = /^-?\d{1,9}(\.\d{1,3})?$/;

function signedWh(text: string | undefined): number {
  const trimmed = (text ?? '').trim();
  const negative = trimmed.startsWith('-');
  const wh = kwhToWh(negative ? trimmed.slice(1) : trimmed) ?? 0;
  return negative ? -wh : wh;
}

/**
 * The counter's other work on an account: 补卡 (card replacement), 锁死卡转新卡 (a locked card moved to a new
 * card, 001 FAQ 12), 预置电量 (the preset card's credit), 换表
 * (meter replacement), 找补电量 (adjustment energy), 撤销 (cancel the last sale) and 退费 (refund). Each is
 * offered where the account's mode and the user's role allow it; the server decides and says why not.
 */
export function AccountOperations({
  account,
  card,
  onDone,
  onCardWritten,
}: {
  account: VendingSummary;
  card: CardImage | undefined;
  onDone: () => void;
  onCardWritten: (card: CardImage) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const { message } = App.useApp();
  // Above the site's amount the request waits for a second person: nothing moved yet.
  const heldForApproval = () => {
    void message.info(t('approvals.sentForApproval'));
    onDone();
  };
  const [open, setOpen] = useState<Open>();
  const [toWrite, setToWrite] = useState<CardImage>();
  const [transferred, setTransferred] = useState<LockedCardTransfer>();
  const isCard = account.prepaidMode === 'card';
  const isLocal = account.prepaidMode === 'local';
  const lastSale = account.lastSale;
  const base = `/api/vending/accounts/${account.accountId}`;

  const offerCard = (data: CustomerCardData | null | undefined) => {
    if (data === null || data === undefined) return;
    setToWrite(cardToWrite(card, data, `${data.accountNo}-${data.cardSerial}`));
  };

  const label = (operation: Operation) =>
    operation === 'transferLocked' ? t('counterCards.transfer.button') : t(`counter.ops.${operation}`);

  const submit = async (operation: Operation, requestId: string, v: Values) => {
    const reason = v.reason;
    setTransferred(undefined);
    switch (operation) {
      case 'replaceCard': {
        const done = await api.post<{ card: CustomerCardData }>(`${base}/card-replacement`, {
          requestId,
          reason,
        });
        // The replacement goes on a new card: not the old one still in the reader, if it is the old one.
        setToWrite(
          cardToWrite(
            card?.data.kind === 'blank' ? card : undefined,
            done.card,
            `${done.card.accountNo}-${done.card.cardSerial}`,
          ),
        );
        break;
      }
      case 'transferLocked': {
        const done = await api.post<LockedCardTransfer>(`${base}/locked-card-transfer`, {
          requestId,
          lockedCard: v.lockedCard,
          newCard: v.newCard,
          reason,
        });
        setTransferred(done);
        setToWrite(done.card);
        break;
      }
      case 'preset':
        await api.request('PUT', `${base}/preset`, { json: { presetKwh: v.presetKwh ?? 0 } });
        break;
      case 'replaceMeter':
        await api.post(`${base}/meter-replacement`, {
          requestId,
          newMeterId: v.newMeterId,
          oldRemainingWh: signedWh(v.oldRemainingKwh),
          reason,
        });
        break;
      case 'adjust': {
        const done = await api.post<object>(`${base}/adjustments`, {
          requestId,
          adjustmentWh: signedWh(v.adjustmentKwh),
          reason,
        });
        if (awaitsApproval(done)) return heldForApproval();
        break;
      }
      case 'cancel': {
        if (lastSale === null) return;
        const done = await api.post<LedgerEntry | Held>(`/api/vending/entries/${lastSale.id}/cancel`, {
          requestId,
          reason,
          ...(isCard && card !== undefined ? { card } : {}),
        });
        if (awaitsApproval(done)) return heldForApproval();
        offerCard(done.details.card);
        break;
      }
      case 'refund': {
        const done = await api.post<object>(`${base}/refunds`, {
          requestId,
          amountFen: yuanToFen(v.amountYuan ?? '') ?? 0,
          energyWh: kwhToWh(v.energyKwh ?? '0') ?? 0,
          reason,
        });
        if (awaitsApproval(done)) return heldForApproval();
        break;
      }
    }
    void message.success(
      operation === 'transferLocked' ? t('counterCards.transfer.done') : t(`counter.ops.done.${operation}`),
    );
    onDone();
  };

  const offered: readonly { operation: Operation; allowed: boolean }[] = [
    { operation: 'replaceCard', allowed: isCard && session.can('vending.sell') },
    { operation: 'transferLocked', allowed: isCard && session.can('vending.sell') },
    { operation: 'preset', allowed: isCard && session.can('vending.adjust') },
    { operation: 'replaceMeter', allowed: session.can('vending.adjust') },
    { operation: 'adjust', allowed: isCard && session.can('vending.adjust') },
    {
      operation: 'cancel',
      // A local sale's money can come back only when the meter did not take it.
      allowed:
        (!isLocal || account.lastTopUp === 'not-taken') && lastSale !== null && session.can('vending.sell'),
    },
    { operation: 'refund', allowed: !isLocal && session.can('vending.refund') },
  ];
  const operation = open?.operation;

  return (
    <Card size="small" title={t('counter.ops.title')} data-testid="account-operations">
      <Space wrap>
        {offered
          .filter((o) => o.allowed)
          .map((o) => (
            <Button
              key={o.operation}
              danger={o.operation === 'cancel' || o.operation === 'refund'}
              onClick={() => setOpen({ operation: o.operation, requestId: newRequestId() })}
            >
              {label(o.operation)}
            </Button>
          ))}
      </Space>
      {isLocal ? (
        <p data-testid="local-money" style={{ marginTop: 8, marginBottom: 0, color: '#8c8c8c' }}>
          {lastSale === null || account.lastTopUp === 'in-meter' || account.lastTopUp == null
            ? t('counter.ops.localFinal')
            : t(`counter.delivery.money.${account.lastTopUp}`, { amount: fenToYuan(lastSale.amountFen) })}
        </p>
      ) : null}
      {toWrite === undefined ? null : (
        <Space direction="vertical" style={{ marginTop: 12, width: '100%' }}>
          {transferred === undefined ? null : <TransferOutcome transfer={transferred} />}
          <CardToWrite
            image={toWrite}
            onWritten={(written) => {
              onCardWritten(written);
              setToWrite(undefined);
              setTransferred(undefined);
            }}
          />
        </Space>
      )}
      <FormModal<Values>
        open={open !== undefined}
        title={operation === undefined ? '' : label(operation)}
        initialValues={{
          presetKwh: account.card.presetKwh,
          energyKwh: '0',
          lockedCard: lockedCardInReader(card, account.accountNo),
        }}
        width={operation === 'transferLocked' ? 680 : undefined}
        onClose={() => setOpen(undefined)}
        onSubmit={(v) => (open === undefined ? Promise.resolve() : submit(open.operation, open.requestId, v))}
      >
        {operation === 'cancel' ? (
          <p>
            {t('counter.ops.cancelText', { invoiceNo: lastSale?.invoiceNo ?? '' })}
            {isCard && card === undefined ? ` ${t('counter.ops.cancelNeedsCard')}` : ''}
          </p>
        ) : null}
        {operation === 'replaceCard' ? <p>{t('counter.ops.replaceCardText')}</p> : null}
        {operation === 'transferLocked' ? <LockedTransferFields accountNo={account.accountNo} /> : null}
        {operation === 'preset' ? (
          <Form.Item name="presetKwh" label={t('counter.ops.presetKwh')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1000} precision={0} addonAfter="kWh" />
          </Form.Item>
        ) : null}
        {operation === 'replaceMeter' ? (
          <>
            <Form.Item name="newMeterId" label={t('counter.ops.newMeter')} rules={[{ required: true }]}>
              <MeterPicker />
            </Form.Item>
            <Form.Item
              name="oldRemainingKwh"
              label={t('counter.ops.oldRemaining')}
              rules={[{ required: true }, { pattern: signedKwh, message: t('counter.ops.kwhFormat') }]}
            >
              <Input addonAfter="kWh" />
            </Form.Item>
          </>
        ) : null}
        {operation === 'adjust' ? (
          <Form.Item
            name="adjustmentKwh"
            label={t('counter.ops.adjustmentKwh')}
            rules={[{ required: true }, { pattern: signedKwh, message: t('counter.ops.kwhFormat') }]}
          >
            <Input addonAfter="kWh" />
          </Form.Item>
        ) : null}
        {operation === 'refund' ? (
          <>
            <Form.Item
              name="amountYuan"
              label={t('counter.ops.refundAmount')}
              rules={[
                { required: true },
                { pattern: /^\d{1,9}(\.\d{1,2})?$/, message: t('counter.ops.yuanFormat') },
              ]}
            >
              <Input addonAfter={t('counter.yuan')} />
            </Form.Item>
            <Form.Item
              name="energyKwh"
              label={t('counter.ops.refundEnergy')}
              rules={[{ pattern: /^\d{1,9}(\.\d{1,3})?$/, message: t('counter.ops.kwhFormat') }]}
            >
              <Input addonAfter="kWh" />
            </Form.Item>
          </>
        ) : null}
        {operation === 'preset' ? null : (
          <Form.Item
            name="reason"
            label={t('counter.ops.reason')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </FormModal>
    </Card>
  );
}
