import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Space, Spin, Tabs, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/session.tsx';
import { QueryError } from '../../shared/query-error.tsx';
import { AccountFacts } from './account-facts.tsx';
import { AccountOperations } from './account-operations.tsx';
import { AccountSearch } from './account-search.tsx';
import { type CardImage, customerData } from './card-image.ts';
import { CardReadbackPanel } from './card-readback-panel.tsx';
import { CardReader } from './card-reader.tsx';
import type { SoldSale } from './counter-api.ts';
import { LedgerTable } from './ledger-table.tsx';
import { OpenAccounts } from './open-accounts.tsx';
import { type ReceiptRequest, ReceiptView } from './receipt-view.tsx';
import { SaleOutcome } from './sale-outcome.tsx';
import { SellPanel } from './sell-panel.tsx';
import { SpecialCardPanel } from './special-card-panel.tsx';
import { useAccount } from './use-account.ts';

/** The counter's tabs: selling to accounts; making special cards; reading back the cards that read meters. */
const counterTabs = ['sell', 'special', 'readback'] as const;
type CounterTab = (typeof counterTabs)[number];

/**
 * 售电收费: the cashier's counter (001 §3.3). Find the account (or read its card), see where it stands, quote
 * and sell, hand over the card, the relay or the top-up, print the receipt; open accounts and the rest of the
 * counter's work beside it. Beside selling, with the same card reader: 制作专用卡 (001 §4.1) and reading back
 * check and meter-reading cards.
 */
export default function CounterPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const [accountId, setAccountId] = useState<number>();
  const [card, setCard] = useState<CardImage>();
  /** Counts the cards put in the reader: a panel that shows one card keys on it. */
  const [cardSeq, setCardSeq] = useState(0);
  // `?account=` (the meter page's link) opens that account as a search for it would.
  const [searchFor, setSearchFor] = useState<{ text: string; pickSingle: boolean; seq: number } | undefined>(
    () => {
      const accountNo = params.get('account');
      return accountNo === null || accountNo === ''
        ? undefined
        : { text: accountNo, pickSingle: true, seq: 0 };
    },
  );
  const [opening, setOpening] = useState(false);
  const cardWork = session.can('vending.adjust');
  const tabs = counterTabs.filter((tab) => tab === 'sell' || cardWork);
  const tab: CounterTab = tabs.find((k) => k === params.get('tab')) ?? 'sell';

  const putCard = useCallback((next: CardImage | undefined) => {
    setCard(next);
    setCardSeq((n) => n + 1);
  }, []);
  const readCard = useCallback(
    (read: CardImage) => {
      putCard(read);
      const customer = customerData(read);
      if (customer !== undefined)
        setSearchFor({ text: customer.accountNo, pickSingle: true, seq: Date.now() });
    },
    [putCard],
  );

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
      {tabs.length === 1 ? null : (
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={tabs.map((key) => ({ key, label: t(`counterCards.tabs.${key}`) }))}
          style={{ marginBottom: -16 }}
        />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            {tab === 'sell' ? (
              <AccountSearch selectedId={accountId} searchFor={searchFor} onPick={setAccountId} />
            ) : null}
            <CardReader card={card} onRead={readCard} onRemove={() => putCard(undefined)} />
          </Space>
        </Col>
        <Col xs={24} lg={16}>
          {tab === 'special' ? <SpecialCardPanel card={card} onCardWritten={putCard} /> : null}
          {tab === 'readback' ? <CardReadbackPanel key={cardSeq} card={card} /> : null}
          {tab !== 'sell' ? null : accountId === undefined ? (
            <Card>
              <Empty description={t('counter.noAccount')} />
            </Card>
          ) : (
            <AccountDesk key={accountId} accountId={accountId} card={card} onCardWritten={putCard} />
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
          onResent={() => void refresh()}
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
