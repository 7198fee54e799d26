import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { type Page, prepaidModes } from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { errorText } from '../../shared/error-text.ts';
import { CustomerPicker, MeterPicker } from './pickers.tsx';

interface AccountRow {
  readonly accountNo: string;
  readonly customerId: number;
  readonly meterId: number;
}

interface Values {
  readonly priceTypeId: number;
  readonly prepaidMode: (typeof prepaidModes)[number];
  readonly alarmKwh: number;
  readonly creditLimitKwh: number;
  readonly hoardingLimitKwh: number;
  readonly capacityLimitMode: 0 | 1 | 2;
  readonly rows: readonly AccountRow[];
}

const defaults: Partial<Values> = {
  prepaidMode: 'card',
  alarmKwh: 10,
  creditLimitKwh: 0,
  hoardingLimitKwh: 0,
  capacityLimitMode: 0,
  rows: [{} as AccountRow],
};

/**
 * 开户 (001 §3.2): one account, or a batch under one set of settings (§3.2.2 "本批设定不变", all or none).
 * The settings stay in the dialog after each opening, so the next batch keeps them; only the rows clear.
 */
export function OpenAccounts({
  open,
  onClose,
  onOpened,
}: {
  open: boolean;
  onClose: () => void;
  onOpened: (accountNo: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();
  const priceTypes = useQuery({
    queryKey: ['/api/price-types', 'all'],
    queryFn: () =>
      api.get<Page<{ id: number; code: string; name: string }>>('/api/price-types', { limit: 500 }),
    enabled: open,
  });

  const submit = async (v: Values) => {
    setSaving(true);
    setFailure(undefined);
    const settings = {
      priceTypeId: v.priceTypeId,
      prepaidMode: v.prepaidMode,
      alarmEnergyWh: Math.round(v.alarmKwh * 1000),
      creditLimitWh: Math.round(v.creditLimitKwh * 1000),
      hoardingLimitWh: Math.round(v.hoardingLimitKwh * 1000),
      capacityLimitMode: v.capacityLimitMode,
    };
    try {
      const rows = v.rows.map((r) => ({
        accountNo: r.accountNo.trim(),
        customerId: r.customerId,
        meterId: r.meterId,
      }));
      if (rows.length === 1) await api.post('/api/accounts', { ...rows[0], ...settings });
      else await api.post('/api/accounts/batch', { settings, accounts: rows });
      void message.success(t('counter.open.opened', { count: rows.length }));
      form.setFieldValue('rows', [{}]);
      const last = rows.at(-1);
      if (last !== undefined) onOpened(last.accountNo);
    } catch (error) {
      setFailure(errorText(error, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('counter.open.title')}
      width={860}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('counter.open.submit')}
      cancelText={t('common.close')}
      confirmLoading={saving}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('counter.open.hint')}</Typography.Paragraph>
      {failure === undefined ? null : (
        <Alert type="error" showIcon role="alert" message={failure} style={{ marginBottom: 12 }} />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={defaults} onFinish={submit}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="priceTypeId" label={t('counter.open.priceType')} rules={[{ required: true }]}>
              <Select
                loading={priceTypes.isLoading}
                options={(priceTypes.data?.items ?? []).map((p) => ({
                  value: p.id,
                  label: `${p.name} (${p.code})`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="prepaidMode" label={t('counter.open.mode')} rules={[{ required: true }]}>
              <Select options={prepaidModes.map((m) => ({ value: m, label: t(`counter.modes.${m}`) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="capacityLimitMode"
              label={t('counter.open.capacityMode')}
              rules={[{ required: true }]}
            >
              <Select
                options={[0, 1, 2].map((m) => ({ value: m, label: t(`counter.open.capacityModes.${m}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="alarmKwh" label={t('counter.open.alarm')} rules={[{ required: true }]}>
              <InputNumber min={0} addonAfter="kWh" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="creditLimitKwh" label={t('counter.open.credit')} rules={[{ required: true }]}>
              <InputNumber min={0} addonAfter="kWh" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="hoardingLimitKwh"
              label={t('counter.open.hoarding')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} addonAfter="kWh" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="rows">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} align="top">
                  <Col span={6}>
                    <Form.Item
                      name={[field.name, 'accountNo']}
                      label={t('counter.accountNo')}
                      rules={[{ required: true, whitespace: true }]}
                    >
                      <Input maxLength={64} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      name={[field.name, 'customerId']}
                      label={t('counter.customer')}
                      rules={[{ required: true }]}
                    >
                      <CustomerPicker />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      name={[field.name, 'meterId']}
                      label={t('counter.meter')}
                      rules={[{ required: true }]}
                    >
                      <MeterPicker />
                    </Form.Item>
                  </Col>
                  <Col span={2} style={{ paddingTop: 30 }}>
                    {fields.length > 1 ? (
                      <Button
                        aria-label={t('common.delete')}
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                      />
                    ) : null}
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})}>
                {t('counter.open.addRow')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
