import { type Meter, type MeterState, meterStates } from '@openami/contract';
import { Col, Form, type FormInstance, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { AreaSelect } from '../../shared/area-select.tsx';
import { FormModal } from '../../shared/form-modal.tsx';
import { useMeterTypes } from '../../shared/use-meter-types.ts';
import { useTerminal, useTerminalOfPort, useTerminals } from '../../shared/use-terminals.ts';

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
  /** The RS-485 port of a terminal the meter hangs on; null when it is not wired. */
  readonly terminalPortId: number | null;
}

/** The terminal is only a step to its port: the form holds it, the API is sent the port. */
interface MeterEditFormValues extends MeterEditValues {
  readonly terminalId?: number;
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

/** The terminal and its port a meter is wired to; choosing another terminal clears the port. */
function WiringFields({ form }: { form: FormInstance<MeterEditFormValues> }) {
  const { t } = useTranslation();
  const terminals = useTerminals();
  const terminalId = Form.useWatch('terminalId', form);
  const terminal = useTerminal(terminalId ?? undefined);
  return (
    <Row gutter={8}>
      <Col span={14}>
        <Form.Item name="terminalId" label={t('meters.terminal')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={terminals.isLoading}
            placeholder={t('meters.notWired')}
            onChange={() => form.setFieldValue('terminalPortId', null)}
            options={(terminals.data ?? []).map((x) => ({ value: x.id, label: `${x.name} (${x.model})` }))}
          />
        </Form.Item>
      </Col>
      <Col span={10}>
        <Form.Item
          name="terminalPortId"
          label={t('meters.port')}
          rules={[{ required: terminalId !== undefined && terminalId !== null }]}
        >
          <Select
            allowClear
            disabled={terminalId === undefined || terminalId === null}
            loading={terminal.isLoading}
            options={(terminal.data?.ports ?? []).map((p) => ({
              value: p.id,
              label: t('meters.portLabel', { portNo: p.portNo, baud: p.baud }),
            }))}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

export function MeterEditForm(props: {
  meter: Meter | undefined;
  onSubmit: (values: MeterEditValues) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { meter } = props;
  const wiring = useTerminalOfPort(meter?.terminalPortId);
  return (
    <FormModal<MeterEditFormValues>
      // Opens once the terminal of the meter's port is known, so the form starts with it.
      open={meter !== undefined && !wiring.loading}
      title={t('meters.edit', { factoryNo: meter?.factoryNo ?? '' })}
      initialValues={meter === undefined ? {} : { ...meter, terminalId: wiring.terminalId }}
      onSubmit={({ terminalId: _terminal, terminalPortId, ...values }) =>
        props.onSubmit({ ...values, terminalPortId: terminalPortId ?? null })
      }
      onClose={props.onClose}
      width={640}
    >
      {(form) => (
        <>
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
          <WiringFields form={form} />
          <RatioFields />
        </>
      )}
    </FormModal>
  );
}
