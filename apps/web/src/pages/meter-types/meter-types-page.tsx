import { PlusOutlined } from '@ant-design/icons';
import { cardStandards, type MeterType, meterProtocols } from '@openami/contract';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { useSession } from '../../auth/session.tsx';
import { FormModal } from '../../shared/form-modal.tsx';
import { amperes } from '../../shared/format.ts';
import { usePagedList } from '../../shared/paged-query.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { tableStates } from '../../shared/states.tsx';

/** The nameplate as the form edits it: currents in A, stored in mA. */
interface MeterTypeValues {
  readonly code: string;
  readonly name: string;
  readonly model: string;
  readonly constantImpPerKwh: number;
  readonly ratedCurrentA: number;
  readonly maxCurrentA: number;
  readonly phases: number;
  readonly protocol: string;
  readonly cardStandard: string;
}

const toValues = (m: MeterType): MeterTypeValues => ({
  ...m,
  ratedCurrentA: m.ratedCurrentMa / 1000,
  maxCurrentA: m.maxCurrentMa / 1000,
});

const toBody = ({ ratedCurrentA, maxCurrentA, ...rest }: MeterTypeValues) => ({
  ...rest,
  ratedCurrentMa: Math.round(ratedCurrentA * 1000),
  maxCurrentMa: Math.round(maxCurrentA * 1000),
});

type Editing =
  | { readonly kind: 'closed' }
  | { readonly kind: 'create' }
  | { readonly kind: 'edit'; readonly type: MeterType };

export default function MeterTypesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const list = usePagedList<MeterType>('/api/meter-types', {});
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const canWrite = session.can('meterType.write');

  const save = async (values: MeterTypeValues) => {
    const body = toBody(values);
    if (editing.kind === 'edit') {
      const { code: _code, ...patch } = body;
      await api.patch(`/api/meter-types/${editing.type.id}`, patch);
    } else {
      await api.post('/api/meter-types', body);
    }
    void message.success(t('common.saved'));
    await queryClient.invalidateQueries({ queryKey: ['/api/meter-types'] });
  };

  return (
    <Card
      title={t('nav.meterTypes')}
      extra={
        canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'create' })}>
            {t('meterTypes.create')}
          </Button>
        ) : null
      }
    >
      <QueryError error={list.result.error} retry={() => void list.result.refetch()} />
      <Table<MeterType>
        rowKey="id"
        dataSource={list.result.data?.items ? [...list.result.data.items] : []}
        {...tableStates(list.result, list.result.data?.items.length ?? 0, t('meterTypes.empty'))}
        pagination={list.pagination}
        onChange={(pagination, _filters, sorter) => list.onChange(pagination, sorter)}
        scroll={{ x: 900 }}
        columns={[
          { title: t('common.code'), dataIndex: 'code', sorter: true },
          { title: t('common.name'), dataIndex: 'name', sorter: true },
          { title: t('meterTypes.model'), dataIndex: 'model' },
          {
            title: t('meterTypes.current'),
            key: 'current',
            render: (_, m) => `${amperes(m.ratedCurrentMa)}(${amperes(m.maxCurrentMa)})A`,
          },
          {
            title: t('meterTypes.constant'),
            dataIndex: 'constantImpPerKwh',
            render: (v: number) => `${v} imp/kWh`,
          },
          { title: t('meterTypes.phases'), dataIndex: 'phases', render: (v: number) => t(`phases.${v}`) },
          {
            title: t('meterTypes.protocol'),
            dataIndex: 'protocol',
            render: (v: string) => t(`protocols.${v}`),
          },
          {
            title: t('meterTypes.cardStandard'),
            dataIndex: 'cardStandard',
            render: (v: string) => t(`cardStandards.${v}`),
          },
          { title: t('common.version'), dataIndex: 'version' },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, m: MeterType) => (
                    <Button type="link" onClick={() => setEditing({ kind: 'edit', type: m })}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<MeterTypeValues>
        open={editing.kind !== 'closed'}
        title={
          editing.kind === 'edit' ? t('meterTypes.edit', { name: editing.type.name }) : t('meterTypes.create')
        }
        initialValues={
          editing.kind === 'edit'
            ? toValues(editing.type)
            : { phases: 1, protocol: 'dlt645_2007', cardStandard: 'none', constantImpPerKwh: 1600 }
        }
        onSubmit={save}
        onClose={() => setEditing({ kind: 'closed' })}
      >
        {editing.kind === 'edit' ? (
          <Alert type="info" showIcon message={t('meterTypes.versionHint')} style={{ marginBottom: 16 }} />
        ) : null}
        <Form.Item name="code" label={t('common.code')} rules={[{ required: true }, { max: 64 }]}>
          <Input disabled={editing.kind === 'edit'} />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="model" label={t('meterTypes.model')} rules={[{ required: true }, { max: 64 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="constantImpPerKwh"
          label={t('meterTypes.constant')}
          rules={[{ required: true }, { type: 'integer', min: 1, max: 1_000_000 }]}
        >
          <InputNumber style={{ width: '100%' }} addonAfter="imp/kWh" />
        </Form.Item>
        <Form.Item
          name="ratedCurrentA"
          label={t('meterTypes.ratedCurrent')}
          rules={[{ required: true }, { type: 'number', min: 0.001 }]}
        >
          <InputNumber style={{ width: '100%' }} addonAfter="A" />
        </Form.Item>
        <Form.Item
          name="maxCurrentA"
          label={t('meterTypes.maxCurrent')}
          dependencies={['ratedCurrentA']}
          rules={[
            { required: true },
            { type: 'number', min: 0.001 },
            ({ getFieldValue }) => ({
              validator: async (_, value: number | undefined) => {
                const rated = getFieldValue('ratedCurrentA') as number | undefined;
                if (value !== undefined && rated !== undefined && value < rated)
                  throw new Error(t('meterTypes.maxBelowRated'));
              },
            }),
          ]}
        >
          <InputNumber style={{ width: '100%' }} addonAfter="A" />
        </Form.Item>
        <Form.Item name="phases" label={t('meterTypes.phases')} rules={[{ required: true }]}>
          <Select options={[1, 3].map((p) => ({ value: p, label: t(`phases.${p}`) }))} />
        </Form.Item>
        <Form.Item name="protocol" label={t('meterTypes.protocol')} rules={[{ required: true }]}>
          <Select options={meterProtocols.map((p) => ({ value: p, label: t(`protocols.${p}`) }))} />
        </Form.Item>
        <Form.Item name="cardStandard" label={t('meterTypes.cardStandard')} rules={[{ required: true }]}>
          <Select options={cardStandards.map((c) => ({ value: c, label: t(`cardStandards.${c}`) }))} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
