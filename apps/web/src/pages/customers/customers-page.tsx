import { PlusOutlined } from '@ant-design/icons';
import type { Customer, CustomerListItem } from '@openami/contract';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import type { Query } from '../../api/client.ts';
import { ArchiveToolbar } from '../../archives/archive-toolbar.tsx';
import { useSession } from '../../auth/session.tsx';
import { AreaSelect } from '../../shared/area-select.tsx';
import { FormModal } from '../../shared/form-modal.tsx';
import { formatTime } from '../../shared/format.ts';
import { usePagedList } from '../../shared/paged-query.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { tableStates } from '../../shared/states.tsx';
import { useAreas } from '../../shared/use-areas.ts';

interface CustomerValues {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly address: string;
  readonly idNumber: string;
  readonly areaId: number;
}

interface CustomerFilters {
  readonly code?: string;
  readonly name?: string;
  readonly areaId?: number;
}

/** A customer's phones, accounts or meters, one a line. */
function lines(values: readonly string[] | undefined) {
  return (values ?? []).map((value) => <div key={value}>{value}</div>);
}

type Editing =
  | { readonly kind: 'closed' }
  | { readonly kind: 'create' }
  | { readonly kind: 'edit'; readonly customer: Customer };

export default function CustomersPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const session = useSession();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { nameOf } = useAreas();
  const [filters, setFilters] = useState<Query>({});
  const list = usePagedList<CustomerListItem>('/api/customers', filters);
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const canWrite = session.can('customer.write');

  const save = async (values: CustomerValues) => {
    const body = {
      ...values,
      unit: values.unit ?? '',
      address: values.address ?? '',
      idNumber: values.idNumber ?? '',
    };
    if (editing.kind === 'edit') {
      const { code: _code, ...patch } = body;
      await api.patch(`/api/customers/${editing.customer.id}`, patch);
    } else {
      await api.post('/api/customers', body);
    }
    void message.success(t('common.saved'));
    await queryClient.invalidateQueries({ queryKey: ['/api/customers'] });
  };

  return (
    <Card
      title={t('nav.customers')}
      extra={
        <Space wrap>
          <ArchiveToolbar
            kind="customers"
            importPermission="customer.write"
            exportFilter={{ areaId: filters.areaId }}
          />
          {canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'create' })}>
              {t('customers.create')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Form<CustomerFilters>
        layout="inline"
        onFinish={(values) => {
          setFilters({
            code: values.code?.trim() || undefined,
            name: values.name?.trim() || undefined,
            areaId: values.areaId,
          });
          list.restart();
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="code">
          <Input placeholder={t('customers.code')} allowClear />
        </Form.Item>
        <Form.Item name="name">
          <Input placeholder={t('common.name')} allowClear />
        </Form.Item>
        <Form.Item name="areaId">
          <AreaSelect placeholder={t('common.area')} allowClear style={{ width: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </Form>
      <QueryError error={list.result.error} retry={() => void list.result.refetch()} />
      <Table<CustomerListItem>
        rowKey="id"
        dataSource={list.result.data?.items ? [...list.result.data.items] : []}
        {...tableStates(list.result, list.result.data?.items.length ?? 0, t('customers.empty'))}
        pagination={{ ...list.pagination, showTotal: (total) => t('common.total', { total }) }}
        onChange={(pagination, _filters, sorter) => list.onChange(pagination, sorter)}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('customers.code'), dataIndex: 'code', sorter: true },
          { title: t('common.name'), dataIndex: 'name', sorter: true },
          { title: t('customers.unit'), dataIndex: 'unit' },
          { title: t('customers.address'), dataIndex: 'address' },
          // What a household is asked for at the counter and on the phone.
          { title: t('customers.phones'), dataIndex: 'phones', render: lines },
          {
            title: t('customers.accountNos'),
            key: 'accountNos',
            render: (_: unknown, c: CustomerListItem) => lines(c.accounts.map((a) => a.accountNo)),
          },
          {
            title: t('customers.meterNos'),
            key: 'meterNos',
            render: (_: unknown, c: CustomerListItem) => lines(c.accounts.map((a) => a.factoryNo)),
          },
          { title: t('common.area'), dataIndex: 'areaId', render: (id: number) => nameOf(id) },
          {
            title: t('common.updatedAt'),
            dataIndex: 'updatedAt',
            sorter: true,
            render: (at: number) => formatTime(at, i18n.language),
          },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  fixed: 'right' as const,
                  render: (_: unknown, customer: Customer) => (
                    <Button type="link" onClick={() => setEditing({ kind: 'edit', customer })}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<CustomerValues>
        open={editing.kind !== 'closed'}
        title={
          editing.kind === 'edit'
            ? t('customers.edit', { name: editing.customer.name })
            : t('customers.create')
        }
        initialValues={editing.kind === 'edit' ? editing.customer : {}}
        onSubmit={save}
        onClose={() => setEditing({ kind: 'closed' })}
      >
        <Form.Item
          name="code"
          label={t('customers.code')}
          rules={[
            { required: true },
            { max: 64 },
            { pattern: /^\S(.*\S)?$/, message: t('validation.noEdgeSpaces') },
          ]}
        >
          <Input disabled={editing.kind === 'edit'} />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="unit" label={t('customers.unit')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="address" label={t('customers.address')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="idNumber" label={t('customers.idNumber')} rules={[{ max: 32 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="areaId" label={t('common.area')} rules={[{ required: true }]}>
          <AreaSelect />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
