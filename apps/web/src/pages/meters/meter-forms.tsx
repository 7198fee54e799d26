import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Meter, type MeterState, meterStates } from '../../api/types.ts';
import { AreaSelect } from '../../shared/area-select.tsx';
import { FormModal } from '../../shared/form-modal.tsx';
import { useMeterTypes } from '../../shared/use-meter-types.ts';

export interface Ratios {
  readonly ptPrimary: number;
  readonly ptSecondary: number;
  readonly ctPrimary: number;
  readonly ctSecondary: number;
}

export interface StockInValues extends Ratios {
  readonly factoryNo: string;
  readonly commAddress: string;
  readonly meterTypeId: number;
  readonly areaId: number;
  readonly startingReadingWh: number;
}

export interface MeterEditValues extends Ratios {
  readonly areaId: number;
  readonly state: MeterState;
}

/** Which states a meter may move to from its own (the server holds the rule; this keeps the list honest). */
const nextStates: Readonly<Record<MeterState, readonly MeterState[]>> = {
  in_stock: ['in_stock', 'installed', 'faulty', 'removed'],
  installed: ['installed', 'faulty', 'removed'],
  faulty: ['faulty', 'installed', 'in_stock', 'removed'],
  removed: ['removed'],
};

const ratio = { type: 'integer' as const, min: 1, max: 1_000_000 };

/** PT and CT ratios; multiplier = PT ratio × CT ratio, 1 without transformers (DOMAIN.md §4). */
function RatioFields() {
  const { t } = useTranslation();
  return (
    <Row gutter={8}>
      {(['ptPrimary', 'ptSecondary', 'ctPrimary', 'ctSecondary'] as const).map((name) => (
        <Col span={6} key={name}>
          <Form.Item name={name} label={t(`meters.${name}`)} rules={[{ required: true }, ratio]}>
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

export function StockInForm(props: {
  open: boolean;
  onSubmit: (values: StockInValues) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const types = useMeterTypes(props.open);
  return (
    <FormModal<StockInValues>
      open={props.open}
      title={t('meters.stockIn')}
      initialValues={{ startingReadingWh: 0, ptPrimary: 1, ptSecondary: 1, ctPrimary: 1, ctSecondary: 1 }}
      onSubmit={props.onSubmit}
      onClose={props.onClose}
      width={640}
    >
      <Form.Item
        name="factoryNo"
        label={t('meters.factoryNo')}
        rules={[{ required: true }, { max: 64 }, { pattern: /^\S+$/, message: t('validation.noSpaces') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="commAddress"
        label={t('meters.commAddress')}
        extra={t('meters.commAddressHint')}
        rules={[{ required: true }, { pattern: /^\d{12}$/, message: t('meters.badAddress') }]}
      >
        <Input maxLength={12} inputMode="numeric" />
      </Form.Item>
      <Form.Item name="meterTypeId" label={t('meters.meterType')} rules={[{ required: true }]}>
        <Select
          loading={types.isLoading}
          showSearch
          optionFilterProp="label"
          options={(types.data ?? []).map((m) => ({ value: m.id, label: `${m.name} (${m.code})` }))}
        />
      </Form.Item>
      <Form.Item name="areaId" label={t('common.area')} rules={[{ required: true }]}>
        <AreaSelect />
      </Form.Item>
      <Form.Item
        name="startingReadingWh"
        label={t('meters.startingReading')}
        extra={t('meters.startingReadingHint')}
        rules={[{ required: true }, { type: 'integer', min: 0 }]}
      >
        <InputNumber style={{ width: '100%' }} addonAfter="Wh" />
      </Form.Item>
      <RatioFields />
    </FormModal>
  );
}

export function MeterEditForm(props: {
  meter: Meter | undefined;
  onSubmit: (values: MeterEditValues) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { meter } = props;
  return (
    <FormModal<MeterEditValues>
      open={meter !== undefined}
      title={t('meters.edit', { factoryNo: meter?.factoryNo ?? '' })}
      initialValues={meter ?? {}}
      onSubmit={props.onSubmit}
      onClose={props.onClose}
      width={640}
    >
      <Form.Item name="state" label={t('meters.state')} rules={[{ required: true }]}>
        <Select
          options={(meter === undefined ? meterStates : nextStates[meter.state]).map((s) => ({
            value: s,
            label: t(`meterStates.${s}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="areaId" label={t('common.area')} rules={[{ required: true }]}>
        <AreaSelect />
      </Form.Item>
      <RatioFields />
    </FormModal>
  );
}
