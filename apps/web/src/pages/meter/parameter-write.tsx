import type { Meter } from '@openami/contract';
import { Descriptions, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Parameters an operator sets most (DL/T 645-2007 §A.4 parameter identifiers), and any other by its DI. */
export const writableParameters = [
  { di: '04000E01', key: 'maxPower', unit: 'kW' },
  { di: '04001001', key: 'alarmMoney1', unit: 'yuan' },
  { di: '04001002', key: 'alarmMoney2', unit: 'yuan' },
  { di: 'other', key: 'other', unit: '' },
] as const;

export interface ParameterWrite {
  readonly di: string;
  /** A number where the value reads as one (the codec checks the item's format), else the text. */
  readonly value: number | string;
}

interface Fields {
  readonly parameter: string;
  readonly di?: string;
  readonly value: string;
}

/**
 * Two steps: choose the parameter and type the value, then confirm what goes to which meter. The server
 * checks the identifier and the value against the catalog (BAD_WRITE in the user's words).
 */
export function ParameterWriteDialog({
  meter,
  open,
  onCancel,
  onConfirm,
}: {
  meter: Meter;
  open: boolean;
  onCancel: () => void;
  onConfirm: (write: ParameterWrite) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Fields>();
  const [chosen, setChosen] = useState<ParameterWrite | undefined>();
  const close = () => {
    setChosen(undefined);
    form.resetFields();
    onCancel();
  };
  const next = async () => {
    const fields = await form.validateFields();
    const di = fields.parameter === 'other' ? (fields.di ?? '').toUpperCase() : fields.parameter;
    const text = fields.value.trim();
    setChosen({ di, value: /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text });
  };
  const parameterName = (di: string) => {
    const known = writableParameters.find((p) => p.di === di);
    return known === undefined ? di : `${t(`meter.parameters.${known.key}`)} (${di})`;
  };
  return (
    <Modal
      open={open}
      title={t(chosen === undefined ? 'meter.writeParameter' : 'meter.confirmWrite')}
      okText={t(chosen === undefined ? 'meter.next' : 'meter.confirmSend')}
      okButtonProps={{ danger: chosen !== undefined }}
      cancelText={t('common.cancel')}
      onOk={() => {
        if (chosen === undefined) void next();
        else {
          onConfirm(chosen);
          setChosen(undefined);
          form.resetFields();
        }
      }}
      onCancel={close}
      destroyOnHidden
    >
      {chosen === undefined ? (
        <Form<Fields>
          form={form}
          layout="vertical"
          initialValues={{ parameter: '04000E01' }}
          preserve={false}
        >
          <Form.Item name="parameter" label={t('meter.parameter')} rules={[{ required: true }]}>
            <Select
              options={writableParameters.map((p) => ({
                value: p.di,
                label: p.di === 'other' ? t('meter.parameters.other') : parameterName(p.di),
              }))}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['parameter']}>
            {({ getFieldValue }) => {
              const parameter = writableParameters.find((p) => p.di === getFieldValue('parameter'));
              return (
                <>
                  {parameter?.di === 'other' ? (
                    <Form.Item
                      name="di"
                      label={t('meter.dataIdentifier')}
                      rules={[
                        { required: true },
                        { pattern: /^[0-9A-Fa-f]{8}$/, message: t('meter.diFormat') },
                      ]}
                    >
                      <Input placeholder="04000E01" maxLength={8} />
                    </Form.Item>
                  ) : null}
                  <Form.Item name="value" label={t('meter.parameterValue')} rules={[{ required: true }]}>
                    <Input
                      suffix={
                        parameter === undefined || parameter.unit === ''
                          ? undefined
                          : t(`meter.units.${parameter.unit}`)
                      }
                      data-testid="parameter-value"
                    />
                  </Form.Item>
                </>
              );
            }}
          </Form.Item>
        </Form>
      ) : (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('meter.meterLabel')}>
            {t('meter.meterNamed', { factoryNo: meter.factoryNo, address: meter.commAddress })}
          </Descriptions.Item>
          <Descriptions.Item label={t('meter.parameter')}>{parameterName(chosen.di)}</Descriptions.Item>
          <Descriptions.Item label={t('meter.parameterValue')}>{String(chosen.value)}</Descriptions.Item>
        </Descriptions>
      )}
    </Modal>
  );
}
