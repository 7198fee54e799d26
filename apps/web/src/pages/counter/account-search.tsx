import { SearchOutlined } from '@ant-design/icons';
import type { AccountMatch } from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { QueryError } from '../../shared/query-error.tsx';
import { ModeTag } from './mode-tag.tsx';

/**
 * 001 §3.3.1: pick the account, or read its card. Finds by account number, meter, customer code, name, room
 * or phone number (whole, or its last digits); a card read searches by its account number and opens the
 * account when exactly one matches.
 */
export function AccountSearch({
  selectedId,
  searchFor,
  onPick,
}: {
  selectedId: number | undefined;
  /** A search asked for from outside (a card read), with a counter so the same text searches again. */
  searchFor: { readonly text: string; readonly pickSingle: boolean; readonly seq: number } | undefined;
  onPick: (id: number) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState<{ text: string; pickSingle: boolean; seq: number }>();
  useEffect(() => {
    if (searchFor === undefined) return;
    setTyped(searchFor.text);
    setQuery(searchFor);
  }, [searchFor]);
  const found = useQuery({
    queryKey: ['/api/vending/accounts', query?.text, query?.seq],
    queryFn: () =>
      api.get<{ items: AccountMatch[] }>('/api/vending/accounts', { q: query?.text ?? '', limit: 50 }),
    enabled: query !== undefined && query.text !== '',
  });
  const items = found.data?.items;
  useEffect(() => {
    const only = items?.length === 1 ? items[0] : undefined;
    if (query?.pickSingle === true && only !== undefined) onPick(only.id);
  }, [items, query, onPick]);

  return (
    <Card size="small" title={t('counter.search.title')} data-testid="account-search">
      <Input.Search
        autoFocus
        allowClear
        aria-label={t('counter.search.placeholder')}
        placeholder={t('counter.search.placeholder')}
        enterButton={<SearchOutlined />}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        loading={found.isFetching}
        onSearch={(text) => setQuery({ text: text.trim(), pickSingle: true, seq: Date.now() })}
      />
      <div style={{ marginTop: 8 }}>
        <QueryError error={found.error} retry={() => void found.refetch()} />
        {query === undefined || query.text === '' ? (
          <Typography.Text type="secondary">{t('counter.search.hint')}</Typography.Text>
        ) : items !== undefined && items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('counter.search.none')} />
        ) : (
          <List<AccountMatch>
            size="small"
            data-testid="account-results"
            loading={found.isLoading}
            dataSource={items ?? []}
            style={{ maxHeight: 300, overflowY: 'auto' }}
            renderItem={(a) => (
              <List.Item
                onClick={() => onPick(a.id)}
                style={{
                  cursor: 'pointer',
                  paddingInline: 8,
                  background: a.id === selectedId ? '#e6f4ff' : undefined,
                }}
              >
                <List.Item.Meta
                  title={
                    <Space size={4} wrap>
                      <span>{a.accountNo}</span>
                      <span>{a.customerName}</span>
                      <ModeTag mode={a.prepaidMode} />
                      {a.state === 'open' ? null : <Tag>{t('counter.closed')}</Tag>}
                    </Space>
                  }
                  description={[a.factoryNo, a.unit, a.address, ...a.phones]
                    .filter((x) => x !== undefined && x !== '')
                    .join(' · ')}
                />
              </List.Item>
            )}
          />
        )}
      </div>
    </Card>
  );
}
