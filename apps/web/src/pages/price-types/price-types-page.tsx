import { PlusOutlined } from '@ant-design/icons';
import type { PriceType } from '@openami/contract';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { useSession } from '../../auth/session.tsx';
import { FormModal } from '../../shared/form-modal.tsx';
import { usePagedList } from '../../shared/paged-query.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { tableStates } from '../../shared/states.tsx';
import { milliFenToYuan, yuanInputPattern, yuanToMilliFen } from '../../shared/units.ts';

interface PriceTypeValues {
  readonly code: string;
  readonly name: string;
  readonly unitPriceYuan: string;
}

type Editing =
  | { readonly kind: 'closed' }
  | { readonly kind: 'create' }
  | { readonly kind: 'edit'; readonly type: PriceType };

/** Price types (name, unit price) as vending set-up needs them; a change makes a new version. */
export default function PriceTypesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const list = usePagedList<PriceType>('/api/price-types', {});
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const canWrite = session.can('priceType.write');

  const save = async ({ code, name, unitPriceYuan }: PriceTypeValues) => {
    const unitPriceMilliFenPerKwh = yuanToMilliFen(unitPriceYuan);
    if (editing.kind === 'edit') {
      await api.patch(`/api/price-types/${editing.type.id}`, { name, unitPriceMilliFenPerKwh });
    } else {
      await api.post('/api/price-types', { code, name, unitPriceMilliFenPerKwh });
    }
    void message.success(t('common.saved'));
    await queryClient.invalidateQueries({ queryKey: ['/api/price-types'] });
  };

  return (
    <Card
      title={t('nav.priceTypes')}
      extra={
        canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'create' })}>
            {t('priceTypes.create')}
          </Button>
        ) : null
      }
    >
      <QueryError error={list.result.error} retry={() => void list.result.refetch()} />
      <Table<PriceType>
        rowKey="id"
        dataSource={list.result.data?.items ? [...list.result.data.items] : []}
        {...tableStates(list.result, list.result.data?.items.length ?? 0, t('priceTypes.empty'))}
        pagination={list.pagination}
        onChange={(pagination, _filters, sorter) => list.onChange(pagination, sorter)}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('common.code'), dataIndex: 'code', sorter: true },
          { title: t('common.name'), dataIndex: 'name', sorter: true },
          {
            title: t('priceTypes.unitPrice'),
            dataIndex: 'unitPriceMilliFenPerKwh',
            render: (v: number) => t('priceTypes.yuanPerKwh', { price: milliFenToYuan(v) }),
          },
          { title: t('common.version'), dataIndex: 'version' },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, p: PriceType) => (
                    <Button type="link" onClick={() => setEditing({ kind: 'edit', type: p })}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<PriceTypeValues>
        open={editing.kind !== 'closed'}
        title={
          editing.kind === 'edit' ? t('priceTypes.edit', { name: editing.type.name }) : t('priceTypes.create')
        }
        initialValues={
          editing.kind === 'edit'
            ? {
                code: editing.type.code,
                name: editing.type.name,
                unitPriceYuan: milliFenToYuan(editing.type.unitPriceMilliFenPerKwh),
              }
            : {}
        }
        onSubmit={save}
        onClose={() => setEditing({ kind: 'closed' })}
      >
        {editing.kind === 'edit' ? (
          <Alert type="info" showIcon message={t('priceTypes.versionHint')} style={{ marginBottom: 16 }} />
        ) : null}
        <Form.Item name="code" label={t('common.code')} rules={[{ required: true }, { max: 64 }]}>
          <Input disabled={editing.kind === 'edit'} />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="unitPriceYuan"
          label={t('priceTypes.unitPrice')}
          rules={[{ required: true }, { pattern: yuanInputPattern, message: t('priceTypes.badPrice') }]}
        >
          <Input addonAfter={t('priceTypes.yuanPerKwhUnit')} inputMode="decimal" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
