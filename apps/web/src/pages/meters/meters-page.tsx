import { PlusOutlined } from '@ant-design/icons';
import { type Meter, type MeterListItem, type MeterState, meterStates } from '@openami/contract';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context.tsx';
import type { Query } from '../../api/client.ts';
import { ArchiveToolbar } from '../../archives/archive-toolbar.tsx';
import { useSession } from '../../auth/session.tsx';
import { AreaSelect } from '../../shared/area-select.tsx';
import { errorText } from '../../shared/error-text.ts';
import { formatTime } from '../../shared/format.ts';
import { usePagedList } from '../../shared/paged-query.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { tableStates } from '../../shared/states.tsx';
import { useAreas } from '../../shared/use-areas.ts';
import { useMeterTypes } from '../../shared/use-meter-types.ts';
import { MeterEditForm, type MeterEditValues, StockInForm, type StockInValues } from './meter-forms.tsx';

interface MeterFilters {
  readonly factoryNo?: string;
  readonly commAddress?: string;
  readonly customer?: string;
  readonly areaId?: number;
  readonly state?: MeterState;
  readonly meterTypeId?: number;
}

const stateColours: Readonly<Record<MeterState, string>> = {
  in_stock: 'default',
  installed: 'green',
  faulty: 'red',
  removed: 'default',
};

/** The household on a meter: its customer, room (else address) and account number; blank without an open account. */
const household = {
  name: (_: unknown, meter: MeterListItem) => meter.account?.customer.name ?? '',
  room: (_: unknown, meter: MeterListItem) =>
    meter.account === null ? '' : meter.account.customer.unit || meter.account.customer.address,
  accountNo: (_: unknown, meter: MeterListItem) => meter.account?.accountNo ?? '',
};

/** Drops blank filters, so the query says only what the user asked for. */
function filterQuery(filters: MeterFilters): Query {
  const trimmed = (text: string | undefined) =>
    text === undefined || text.trim() === '' ? undefined : text.trim();
  return {
    factoryNo: trimmed(filters.factoryNo),
    commAddress: trimmed(filters.commAddress),
    customer: trimmed(filters.customer),
    areaId: filters.areaId,
    state: filters.state,
    meterTypeId: filters.meterTypeId,
  };
}

export default function MetersPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const session = useSession();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { nameOf } = useAreas();
  const types = useMeterTypes();
  const [filters, setFilters] = useState<Query>({});
  const list = usePagedList<MeterListItem>('/api/meters', filters);
  const [stockingIn, setStockingIn] = useState(false);
  const [editing, setEditing] = useState<Meter | undefined>();
  const canWrite = session.can('meter.write');
  const typeName = (id: number) => types.data?.find((m) => m.id === id)?.name ?? `#${id}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['/api/meters'] });

  const stockIn = async (values: StockInValues) => {
    await api.post('/api/meters', values);
    void message.success(t('common.saved'));
    await refresh();
  };
  const update = async (values: MeterEditValues) => {
    if (editing === undefined) return;
    await api.patch(`/api/meters/${editing.id}`, values);
    void message.success(t('common.saved'));
    await refresh();
  };
  const remove = async (meter: Meter) => {
    try {
      await api.delete(`/api/meters/${meter.id}`);
      void message.success(t('common.deleted'));
      await refresh();
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <Card
      title={t('nav.meters')}
      extra={
        <Space wrap>
          <ArchiveToolbar
            kind="meters"
            importPermission="meter.stockIn"
            exportFilter={{ areaId: filters.areaId, state: filters.state }}
          />
          {session.can('meter.stockIn') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setStockingIn(true)}>
              {t('meters.stockIn')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Form<MeterFilters>
        layout="inline"
        onFinish={(values) => {
          setFilters(filterQuery(values));
          list.restart();
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
        aria-label={t('common.filters')}
      >
        <Form.Item name="factoryNo">
          <Input placeholder={t('meters.factoryNo')} allowClear />
        </Form.Item>
        <Form.Item name="commAddress">
          <Input placeholder={t('meters.commAddress')} allowClear />
        </Form.Item>
        <Form.Item name="customer">
          <Input placeholder={t('meters.customer')} allowClear />
        </Form.Item>
        <Form.Item name="areaId">
          <AreaSelect placeholder={t('common.area')} allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="state">
          <Select
            placeholder={t('meters.state')}
            allowClear
            style={{ width: 120 }}
            options={meterStates.map((s) => ({ value: s, label: t(`meterStates.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="meterTypeId">
          <Select
            placeholder={t('meters.meterType')}
            allowClear
            style={{ width: 160 }}
            options={(types.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </Form>
      <QueryError error={list.result.error} retry={() => void list.result.refetch()} />
      <Table<MeterListItem>
        rowKey="id"
        dataSource={list.result.data?.items ? [...list.result.data.items] : []}
        {...tableStates(list.result, list.result.data?.items.length ?? 0, t('meters.empty'))}
        pagination={{ ...list.pagination, showTotal: (total) => t('common.total', { total }) }}
        onChange={(pagination, _filters, sorter) => list.onChange(pagination, sorter)}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('meters.factoryNo'),
            dataIndex: 'factoryNo',
            sorter: true,
            render: (no: string, meter: Meter) => <Link to={`/archives/meters/${meter.id}`}>{no}</Link>,
          },
          { title: t('meters.commAddress'), dataIndex: 'commAddress', sorter: true },
          // The household on the meter: what a person looks a meter up by.
          { title: t('meters.customerName'), key: 'customerName', render: household.name },
          { title: t('meters.room'), key: 'room', render: household.room },
          { title: t('meters.accountNo'), key: 'accountNo', render: household.accountNo },
          { title: t('meters.meterType'), dataIndex: 'meterTypeId', render: (id: number) => typeName(id) },
          {
            title: t('meters.state'),
            dataIndex: 'state',
            sorter: true,
            render: (s: MeterState) => <Tag color={stateColours[s]}>{t(`meterStates.${s}`)}</Tag>,
          },
          { title: t('common.area'), dataIndex: 'areaId', render: (id: number) => nameOf(id) },
          { title: t('meters.multiplier'), dataIndex: 'multiplier' },
          {
            title: t('meters.stockedInAt'),
            dataIndex: 'stockedInAt',
            sorter: true,
            render: (at: number) => formatTime(at, i18n.language),
          },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  fixed: 'right' as const,
                  render: (_: unknown, meter: Meter) => (
                    <Space>
                      <Button type="link" onClick={() => setEditing(meter)}>
                        {t('common.edit')}
                      </Button>
                      {meter.state === 'in_stock' ? (
                        <Popconfirm
                          title={t('meters.confirmDelete', { factoryNo: meter.factoryNo })}
                          okText={t('common.delete')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => remove(meter)}
                        >
                          <Button type="link" danger>
                            {t('common.delete')}
                          </Button>
                        </Popconfirm>
                      ) : null}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <StockInForm open={stockingIn} onSubmit={stockIn} onClose={() => setStockingIn(false)} />
      <MeterEditForm meter={editing} onSubmit={update} onClose={() => setEditing(undefined)} />
    </Card>
  );
}
