import { Button, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../shared/format.ts';
import { fenToYuan, whToKwh } from '../../shared/units.ts';
import type { EntryKind, LedgerEntry } from './counter-api.ts';

const kindColours: Readonly<Record<EntryKind, string>> = {
  sale: 'green',
  cancel: 'orange',
  refund: 'red',
  adjustment: 'blue',
  charge: 'default',
};

/** The account's latest ledger entries, newest first. */
export function LedgerTable({
  entries,
  loading,
  onReceipt,
}: {
  entries: readonly LedgerEntry[];
  loading: boolean;
  onReceipt: (entry: LedgerEntry) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Table<LedgerEntry>
      rowKey="id"
      size="small"
      data-testid="ledger"
      loading={loading}
      dataSource={entries}
      pagination={false}
      scroll={{ x: 720 }}
      locale={{ emptyText: t('counter.ledger.empty') }}
      columns={[
        {
          title: t('counter.ledger.at'),
          dataIndex: 'createdAt',
          width: 170,
          render: (at: number) => formatTime(at, i18n.language),
        },
        {
          title: t('counter.ledger.kind'),
          dataIndex: 'kind',
          width: 80,
          render: (kind: EntryKind) => <Tag color={kindColours[kind]}>{t(`counter.entryKinds.${kind}`)}</Tag>,
        },
        {
          title: t('counter.ledger.amount'),
          dataIndex: 'amountFen',
          align: 'right',
          render: (fen: number) => fenToYuan(fen),
        },
        {
          title: t('counter.ledger.energy'),
          dataIndex: 'energyWh',
          align: 'right',
          render: (wh: number) => (wh === 0 ? '' : whToKwh(wh)),
        },
        { title: t('counter.ledger.count'), dataIndex: 'purchaseCount', width: 70 },
        { title: t('counter.ledger.invoice'), dataIndex: 'invoiceNo' },
        {
          title: t('common.actions'),
          key: 'receipt',
          width: 80,
          render: (_: unknown, entry) => (
            <Button type="link" size="small" onClick={() => onReceipt(entry)}>
              {t('counter.receipt.open')}
            </Button>
          ),
        },
      ]}
    />
  );
}
