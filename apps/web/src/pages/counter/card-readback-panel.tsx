import type { CardReadback, ReadbackOutcome } from '@openami/contract';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { errorText } from '../../shared/error-text.ts';
import { formatTime } from '../../shared/format.ts';
import type { CardImage } from './card-image.ts';
import { type CarriedReading, readingsCarried } from './special-cards.ts';

/** A row of the table: a reading on the card, and once stored, what became of it. */
type Row = CarriedReading & Partial<CardReadback['readings'][number]> & { readonly index: number };

const outcomeColours: Readonly<Record<ReadbackOutcome, string>> = {
  stored: 'green',
  already_stored: 'blue',
  refused: 'red',
};

/**
 * 读回抄表卡: a check or meter-reading card back from the field (001 §4.1.2). The cashier sees the readings it
 * carries, then stores them as readings of their meters; the server says, reading by reading, what it stored,
 * what it had stored before (the same card read back again), and what it refused and why. Each card read
 * gets a panel of its own (the page keys it by the reading).
 */
export function CardReadbackPanel({ card }: { card: CardImage | undefined }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [result, setResult] = useState<CardReadback>();
  const store = useMutation({
    mutationFn: () => api.post<CardReadback>('/api/vending/card-readings', { card }),
    onSuccess: setResult,
  });
  const carried = readingsCarried(card);
  const rows: Row[] =
    result?.readings.map((r, index) => ({ ...r, index })) ??
    carried?.map((r, index) => ({ ...r, index })) ??
    [];

  return (
    <Card size="small" title={t('counterCards.readback.title')} data-testid="card-readback">
      {carried === undefined ? (
        <Empty
          description={
            card === undefined ? t('counterCards.readback.needCard') : t('counterCards.readback.notReading')
          }
        />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <p style={{ margin: 0, color: '#8c8c8c' }}>
            {t('counterCards.readback.hint', {
              cardId: card?.cardId ?? '',
              kind: t(`counter.card.kinds.${card?.data.kind ?? 'blank'}`),
              count: carried.length,
            })}
          </p>
          <Table<Row>
            rowKey="index"
            size="small"
            data-testid="readback-readings"
            dataSource={rows}
            pagination={false}
            scroll={{ x: 720 }}
            locale={{ emptyText: t('counterCards.readback.empty') }}
            columns={[
              { title: t('counterCards.readback.meterNo'), dataIndex: 'meterNo', width: 110 },
              {
                title: t('counterCards.readback.total'),
                dataIndex: 'totalKwh',
                width: 100,
                align: 'right',
                render: (kwh: number) => `${kwh} kWh`,
              },
              {
                title: t('counterCards.readback.remaining'),
                dataIndex: 'remainingKwh',
                width: 90,
                align: 'right',
                render: (kwh: number) => `${kwh} kWh`,
              },
              { title: t('counterCards.readback.purchaseCount'), dataIndex: 'purchaseCount', width: 84 },
              {
                title: t('counterCards.readback.account'),
                key: 'account',
                render: (_, row) =>
                  row.accountNo == null ? '' : [row.accountNo, row.customerName].filter(Boolean).join(' · '),
              },
              {
                title: t('counterCards.readback.outcome'),
                key: 'outcome',
                width: 240,
                render: (_, row) => {
                  if (row.outcome === undefined) return <Tag>{t('counterCards.readback.pending')}</Tag>;
                  return (
                    <Space wrap size={4}>
                      <Tag color={outcomeColours[row.outcome]}>
                        {t(`counterCards.readback.outcomes.${row.outcome}`)}
                      </Tag>
                      {row.outcome === 'already_stored' && row.readAt != null ? (
                        <span>
                          {t('counterCards.readback.storedBefore', {
                            at: formatTime(row.readAt, i18n.language),
                            by: row.storedBy ?? '',
                          })}
                        </span>
                      ) : null}
                      {(row.flags ?? '')
                        .split(',')
                        .filter((f) => f !== '')
                        .map((f) => (
                          <Tag key={f} color="orange">
                            {t(`readingFlags.${f}`, { defaultValue: f })}
                          </Tag>
                        ))}
                      {row.problem == null ? null : <span>{row.problem.message}</span>}
                    </Space>
                  );
                },
              },
            ]}
          />
          {result === undefined ? (
            <Button
              type="primary"
              disabled={carried.length === 0}
              loading={store.isPending}
              onClick={() => store.mutate()}
            >
              {t('counterCards.readback.store')}
            </Button>
          ) : (
            <Alert
              data-testid="readback-summary"
              type={result.refused === 0 ? 'success' : 'warning'}
              showIcon
              message={t('counterCards.readback.summary', {
                stored: result.stored,
                alreadyStored: result.alreadyStored,
                refused: result.refused,
              })}
            />
          )}
          {store.isError ? (
            <Alert type="error" showIcon role="alert" message={errorText(store.error, t)} />
          ) : null}
        </Space>
      )}
    </Card>
  );
}
