import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { errorText } from '../../shared/error-text.ts';

/** The server's minimum; it refuses shorter ones too. */
const minPasswordLength = 10;

interface PasswordValues {
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly repeated: string;
}

/** Changing one's own password: the current one is asked for; every other session and token then ends. */
export function PasswordCard() {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ currentPassword, newPassword }: PasswordValues) => {
    setBusy(true);
    try {
      await api.post('/api/auth/password', { currentPassword, newPassword });
      form.resetFields();
      void message.success(t('account.passwordChanged'));
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('account.passwordTitle')}>
      <Form<PasswordValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        style={{ maxWidth: 400 }}
        data-testid="password-form"
      >
        <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          extra={t('account.passwordHint', { min: minPasswordLength })}
          rules={[{ required: true }, { min: minPasswordLength }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeated"
          label={t('account.repeatPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
