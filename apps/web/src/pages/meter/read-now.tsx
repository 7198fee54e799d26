import { type ItemGroup, itemGroups, type MeterOutcome, type ReadNowResult } from '@openami/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { errorText } from '../../shared/error-text.ts';
import { reasonText } from '../../shared/reason-text.ts';
import { readingWords } from './reading-value.ts';

export const outcomeColours: Readonly<Record<MeterOutcome, string>> = {
  complete: 'green',
  partial: 'orange',
  unreachable: 'red',
};

type Reading = ReadNowResult['readings'][number];

/** "Read now": the chosen item groups read from the meter ahead of scheduled work, and what it answered. */
export function ReadNow({ meterId }: { meterId: number }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [groups, setGroups] = useState<ItemGroup[]>(['energy', 'instantaneous', 'prepaid']);
  const read = useMutation({
    mutationFn: () => api.post<ReadNowResult>(`/api/meters/${meterId}/read`, { items: groups }),
    // What was read is stored: the curves and the collection outcomes may have changed.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['meter', meterId] }),
  });
  const result = read.data;
  return (
    <Card title={t('meter.readNow')} data-testid="read-now">
      <Space wrap style={{ marginBottom: 16 }}>
        <Checkbox.Group<ItemGroup>
          value={groups}
          onChange={setGroups}
          options={itemGroups.map((g) => ({ value: g, label: t(`itemGroups.${g}`) }))}
        />
        <Button
          type="primary"
          loading={read.isPending}
          disabled={groups.length === 0}
          onClick={() => read.mutate()}
        >
          {t('meter.read')}
        </Button>
      </Space>
      {read.isError ? <Alert type="error" showIcon role="alert" message={errorText(read.error, t)} /> : null}
      {result === undefined ? null : (
        <>
          <Space style={{ marginBottom: 12 }} data-testid="read-outcome">
            <Tag color={outcomeColours[result.status]}>{t(`meterOutcomes.${result.status}`)}</Tag>
            <span>{t('meter.readTook', { ms: result.durationMs, attempts: result.attempts })}</span>
          </Space>
          <Table<Reading>
            rowKey="di"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={[...result.readings]}
            locale={{ emptyText: t('meter.nothingRead') }}
            columns={[
              {
                title: t('meter.item'),
                key: 'name',
                render: (_, r) => (i18n.language === 'en' ? r.en : r.zh),
              },
              { title: t('meter.identifier'), dataIndex: 'di' },
              { title: t('meter.value'), key: 'value', render: (_, r) => readingWords(r, t) },
            ]}
          />
          {result.notHeld.length === 0 ? null : (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 12 }}
              data-testid="read-not-held"
              message={t('meter.itemsNotHeld', {
                items: result.notHeld
                  .map((item) => `${i18n.language === 'en' ? item.en : item.zh} (${item.di})`)
                  .join(t('reasons.separator')),
              })}
            />
          )}
          {result.failures.length === 0 ? null : (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              message={t('meter.itemsFailed', { count: result.failures.length })}
              description={
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {result.failures.map((f) => (
                    <li key={f.di}>
                      {f.di}: {reasonText(t, { ...f, reason: f.message })}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
        </>
      )}
    </Card>
  );
}
