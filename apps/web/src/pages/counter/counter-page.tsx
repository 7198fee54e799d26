import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Space, Spin, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session.tsx';
import { QueryError } from '../../shared/query-error.tsx';
import { AccountFacts } from './account-facts.tsx';
import { AccountOperations } from './account-operations.tsx';
import { AccountSearch } from './account-search.tsx';
import { type CardImage, customerData } from './card-image.ts';
import { CardReader } from './card-reader.tsx';
import type { SoldSale } from './counter-api.ts';
import { LedgerTable } from './ledger-table.tsx';
import { OpenAccounts } from './open-accounts.tsx';
import { type ReceiptRequest, ReceiptView } from './receipt-view.tsx';
import { SaleOutcome } from './sale-outcome.tsx';
import { SellPanel } from './sell-panel.tsx';
import { useAccount } from './use-account.ts';

/**
 * 售电收费: the cashier's counter (001 §3.3). Find the account (or read its card), see where it stands, quote
 * and sell, hand over the card, the relay or the top-up, print the receipt; open accounts and the rest of the
 * counter's work beside it.
 */
export default function CounterPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [accountId, setAccountId] = useState<number>();
  const [card, setCard] = useState<CardImage>();
  const [searchFor, setSearchFor] = useState<{ text: string; pickSingle: boolean; seq: number }>();
  const [opening, setOpening] = useState(false);

  const readCard = useCallback((read: CardImage) => {
    setCard(read);
    const customer = customerData(read);
    if (customer !== undefined) setSearchFor({ text: customer.accountNo, pickSingle: true, seq: Date.now() });
  }, []);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('counter.title')}
        </Typography.Title>
        {session.can('account.write') ? (
          <Button icon={<PlusOutlined />} onClick={() => setOpening(true)}>
            {t('counter.open.button')}
          </Button>
        ) : null}
      </div>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <AccountSearch selectedId={accountId} searchFor={searchFor} onPick={setAccountId} />
            <CardReader card={card} onRead={readCard} onRemove={() => setCard(undefined)} />
          </Space>
        </Col>
        <Col xs={24} lg={16}>
          {accountId === undefined ? (
            <Card>
              <Empty description={t('counter.noAccount')} />
            </Card>
          ) : (
            <AccountDesk key={accountId} accountId={accountId} card={card} onCardWritten={setCard} />
          )}
        </Col>
      </Row>
      <OpenAccounts
        open={opening}
        onClose={() => setOpening(false)}
        onOpened={(accountNo) => setSearchFor({ text: accountNo, pickSingle: true, seq: Date.now() })}
      />
    </Space>
  );
}

/** One account at the counter: its facts, the sale, its outcome, the other work, the ledger. */
function AccountDesk({
  accountId,
  card,
  onCardWritten,
}: {
  accountId: number;
  card: CardImage | undefined;
  onCardWritten: (card: CardImage) => void;
}) {
  const { t } = useTranslation();
  const { summary, entries, refresh } = useAccount(accountId);
  const [sold, setSold] = useState<SoldSale>();
  const [receipt, setReceipt] = useState<ReceiptRequest>();

  if (summary.isLoading) {
    return (
      <Card>
        <div style={{ padding: 32, textAlign: 'center' }}>
          <Spin />
        </div>
      </Card>
    );
  }
  if (summary.data === undefined)
    return <QueryError error={summary.error} retry={() => void summary.refetch()} />;
  const account = summary.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <AccountFacts account={account} />
      <SellPanel
        account={account}
        card={card}
        onSold={(result, cardRead) => {
          setSold({ result, cardRead });
          void refresh();
        }}
      />
      {sold === undefined ? null : (
        <SaleOutcome
          sale={sold}
          accountId={accountId}
          mode={account.prepaidMode}
          onReceipt={setReceipt}
          onCardWritten={onCardWritten}
        />
      )}
      <AccountOperations
        account={account}
        card={card}
        onDone={() => void refresh()}
        onCardWritten={onCardWritten}
      />
      <Card size="small" title={t('counter.ledger.title')}>
        <QueryError error={entries.error} retry={() => void entries.refetch()} />
        <LedgerTable
          entries={entries.data?.items ?? []}
          loading={entries.isFetching}
          onReceipt={(entry) => setReceipt({ kind: 'entry', entryId: entry.id })}
        />
      </Card>
      <ReceiptView request={receipt} onClose={() => setReceipt(undefined)} />
    </Space>
  );
}
