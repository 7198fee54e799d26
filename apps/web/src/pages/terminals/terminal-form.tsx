import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { bauds, meterProtocols, type PortSettings, parities, terminalModes } from '@openami/contract';
import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { AreaSelect } from '../../shared/area-select.tsx';
import { FormModal } from '../../shared/form-modal.tsx';

export interface TerminalValues {
  readonly areaId: number;
  readonly name: string;
  readonly model: string;
  readonly mode: string;
  readonly address: string;
  readonly ports: readonly PortSettings[];
}

/** DH60x serial servers have 1, 2, 4 or 8 RS-485 ports; each port has its own line settings (DOMAIN.md §2). */
export const newPort = (portNo: number): PortSettings => ({
  portNo,
  baud: 2400,
  parity: 'E',
  dataBits: 8,
  stopBits: 1,
  protocol: 'dlt645_2007',
});

export function TerminalForm({
  open,
  title,
  initial,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  initial: Partial<TerminalValues>;
  onSubmit: (values: TerminalValues) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<TerminalValues>
      open={open}
      title={title}
      initialValues={initial}
      onSubmit={(values) => onSubmit({ ...values, ports: values.ports ?? [] })}
      onClose={onClose}
      width={860}
    >
      {(form) => (
        <>
          <Form.Item name="areaId" label={t('common.area')} rules={[{ required: true }]}>
            <AreaSelect />
          </Form.Item>
          <Space.Compact block>
            <Form.Item
              name="name"
              label={t('common.name')}
              rules={[{ required: true }, { max: 200 }]}
              style={{ flex: 1, marginRight: 8 }}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="model"
              label={t('terminals.model')}
              rules={[{ required: true }, { max: 64 }]}
              style={{ flex: 1 }}
            >
              <Input placeholder="DH604" />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="mode" label={t('terminals.mode')} rules={[{ required: true }]}>
            <Select options={terminalModes.map((m) => ({ value: m, label: t(`terminalModes.${m}`) }))} />
          </Form.Item>
          <Form.Item noStyle dependencies={['mode']}>
            {() => (
              <Form.Item
                name="address"
                label={t('terminals.address')}
                extra={t(
                  form.getFieldValue('mode') === 'tcp_client'
                    ? 'terminals.addressClientHint'
                    : 'terminals.addressServerHint',
                )}
                rules={[{ required: true }, { max: 200 }]}
              >
                <Input />
              </Form.Item>
            )}
          </Form.Item>
          <Form.List name="ports">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap data-testid="port-row">
                    <Form.Item
                      name={[field.name, 'portNo']}
                      label={t('terminals.portNo')}
                      rules={[{ required: true }, { type: 'integer', min: 1, max: 64 }]}
                    >
                      <InputNumber style={{ width: 70 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'baud']}
                      label={t('terminals.baud')}
                      rules={[{ required: true }]}
                    >
                      <Select
                        style={{ width: 100 }}
                        options={bauds.map((b) => ({ value: b, label: String(b) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'parity']}
                      label={t('terminals.parity')}
                      rules={[{ required: true }]}
                    >
                      <Select
                        style={{ width: 90 }}
                        options={parities.map((p) => ({ value: p, label: t(`parities.${p}`) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'dataBits']}
                      label={t('terminals.dataBits')}
                      rules={[{ required: true }]}
                    >
                      <Select
                        style={{ width: 60 }}
                        options={[7, 8].map((b) => ({ value: b, label: String(b) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'stopBits']}
                      label={t('terminals.stopBits')}
                      rules={[{ required: true }]}
                    >
                      <Select
                        style={{ width: 60 }}
                        options={[1, 2].map((b) => ({ value: b, label: String(b) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'protocol']}
                      label={t('terminals.protocol')}
                      rules={[{ required: true }]}
                    >
                      <Select
                        style={{ width: 150 }}
                        options={meterProtocols.map((p) => ({ value: p, label: t(`protocols.${p}`) }))}
                      />
                    </Form.Item>
                    <MinusCircleOutlined
                      aria-label={t('terminals.removePort')}
                      onClick={() => remove(field.name)}
                    />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => {
                    const ports = (form.getFieldValue('ports') as PortSettings[] | undefined) ?? [];
                    add(newPort(Math.max(0, ...ports.map((p) => p.portNo ?? 0)) + 1));
                  }}
                  block
                >
                  {t('terminals.addPort')}
                </Button>
              </>
            )}
          </Form.List>
        </>
      )}
    </FormModal>
  );
}
