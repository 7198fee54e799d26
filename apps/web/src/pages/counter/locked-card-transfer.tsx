import type { LockedCardTransfer } from '@openami/contract';
import { Alert, Form, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CardImage } from './card-image.ts';
import { CardSlot } from './card-slot.tsx';
import { lockedCardProblem, newCardProblem } from './locked-transfer.ts';

/**
 * The two cards of a locked-card transfer (001 FAQ 12), as fields of the operation's dialog: the locked card
 * (taken from the reader when it holds it) and the blank card that becomes the customer's card.
 */
export function LockedTransferFields({ accountNo }: { accountNo: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('counterCards.transfer.text')}</p>
      <Form.Item
        name="lockedCard"
        label={t('counterCards.transfer.lockedCard')}
        rules={[
          {
            validator: async (_, card: CardImage | undefined) => {
              const problem = lockedCardProblem(card, accountNo);
              if (problem !== undefined) throw new Error(t(`counterCards.transfer.lockedProblem.${problem}`));
            },
          },
        ]}
      >
        <CardSlot testId="locked-card" />
      </Form.Item>
      <Form.Item
        name="newCard"
        label={t('counterCards.transfer.newCard')}
        dependencies={['lockedCard']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_, card: CardImage | undefined) => {
              const problem = newCardProblem(card, getFieldValue('lockedCard') as CardImage | undefined);
              if (problem !== undefined) throw new Error(t(`counterCards.transfer.newProblem.${problem}`));
            },
          }),
        ]}
      >
        <CardSlot testId="new-card" />
      </Form.Item>
    </>
  );
}

/** What the transfer did: the locked card void, the new card's serial and purchase, what it still brings. */
export function TransferOutcome({ transfer }: { transfer: LockedCardTransfer }) {
  const { t } = useTranslation();
  return (
    <Alert
      data-testid="transfer-outcome"
      type={transfer.discrepancies.length === 0 ? 'success' : 'warning'}
      showIcon
      message={
        <Space wrap>
          {t('counterCards.transfer.outcome', {
            voidCardId: transfer.voidCardId,
            newCardId: transfer.newCardId,
            cardSerial: transfer.newCardSerial,
            purchaseCount: transfer.purchaseCount,
          })}
          {transfer.replayed ? <Tag>{t('counter.outcome.replayed')}</Tag> : null}
        </Space>
      }
      description={
        <>
          <div>
            {transfer.undeliveredKwh > 0
              ? t('counterCards.transfer.undelivered', { kwh: transfer.undeliveredKwh })
              : t('counterCards.transfer.delivered')}
          </div>
          {transfer.discrepancies.length === 0 ? null : (
            <div>
              {t('counterCards.transfer.discrepancies')}
              <ul style={{ margin: 0 }}>
                {transfer.discrepancies.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      }
    />
  );
}
