import type { TotpEnrolment } from '@openami/contract';
import { Alert, App, Button, Card, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { useSession } from '../../auth/session.tsx';
import { errorText } from '../../shared/error-text.ts';

/** Where enrolment stands on this page: not begun, a secret shown, or recovery codes to write down. */
type Enrolment =
  | { readonly kind: 'idle' }
  | { readonly kind: 'secret'; readonly enrolment: TotpEnrolment }
  | { readonly kind: 'codes'; readonly recoveryCodes: readonly string[] };

/** Two-step verification (TOTP): turn it on with an authenticator app, or off with password and code. */
export function TwoStepCard() {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const { message } = App.useApp();
  const [enrolment, setEnrolment] = useState<Enrolment>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  if (session.state.kind !== 'signedIn') return null;
  const status = session.state.secondFactor;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  const start = () =>
    run(async () => {
      setEnrolment({ kind: 'secret', enrolment: await api.post<TotpEnrolment>('/api/auth/totp/enrolment') });
    });
  const confirm = ({ code }: { code: string }) =>
    run(async () => {
      const { recoveryCodes } = await api.post<{ recoveryCodes: string[] }>('/api/auth/totp/confirmation', {
        code,
      });
      setEnrolment({ kind: 'codes', recoveryCodes });
    });
  const finish = () =>
    run(async () => {
      setEnrolment({ kind: 'idle' });
      await session.refresh();
    });
  const disable = ({ password, code }: { password: string; code: string }) =>
    run(async () => {
      await api.post('/api/auth/totp/disable', { password, code });
      void message.success(t('account.twoStepOff'));
      await session.refresh();
    });

  return (
    <Card
      title={t('account.twoStepTitle')}
      extra={
        <Tag color={status.enabled ? 'green' : 'default'} data-testid="two-step-state">
          {status.enabled ? t('account.on') : t('account.off')}
        </Tag>
      }
    >
      {status.mustEnrol ? (
        <Alert type="warning" showIcon message={t('account.mustEnrol')} style={{ marginBottom: 16 }} />
      ) : null}
      {enrolment.kind === 'codes' ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="info" showIcon message={t('account.recoveryCodesHint')} />
          <List
            size="small"
            bordered
            dataSource={[...enrolment.recoveryCodes]}
            renderItem={(code) => (
              <List.Item>
                <Typography.Text code copyable data-testid="recovery-code">
                  {code}
                </Typography.Text>
              </List.Item>
            )}
            style={{ maxWidth: 300 }}
          />
          <Button type="primary" onClick={finish} loading={busy} data-testid="recovery-codes-done">
            {t('account.recoveryCodesSaved')}
          </Button>
        </Space>
      ) : enrolment.kind === 'secret' ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{t('account.enrolHint')}</Typography.Paragraph>
          <Typography.Text strong>{t('account.secret')}</Typography.Text>
          <Typography.Text code copyable data-testid="totp-secret">
            {enrolment.enrolment.secret}
          </Typography.Text>
          <Typography.Text strong>{t('account.uri')}</Typography.Text>
          <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
            {enrolment.enrolment.uri}
          </Typography.Text>
          <Form<{ code: string }> layout="inline" onFinish={confirm} style={{ marginTop: 16 }}>
            <Form.Item name="code" label={t('account.code')} rules={[{ required: true, pattern: /^\d{6}$/ }]}>
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} data-testid="totp-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('account.confirm')}
            </Button>
          </Form>
        </Space>
      ) : status.enabled ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>
            {t('account.recoveryCodesLeft', { count: status.recoveryCodesLeft })}
          </Typography.Paragraph>
          {status.required ? (
            <Typography.Paragraph type="secondary">{t('account.requiredForRole')}</Typography.Paragraph>
          ) : (
            <Form<{ password: string; code: string }>
              layout="vertical"
              onFinish={disable}
              style={{ maxWidth: 400 }}
            >
              <Form.Item name="password" label={t('account.currentPassword')} rules={[{ required: true }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item name="code" label={t('account.codeOrRecovery')} rules={[{ required: true }]}>
                <Input autoComplete="one-time-code" />
              </Form.Item>
              <Button danger htmlType="submit" loading={busy}>
                {t('account.turnOff')}
              </Button>
            </Form>
          )}
        </Space>
      ) : (
        <Space direction="vertical">
          <Typography.Paragraph>{t('account.twoStepIntro')}</Typography.Paragraph>
          <Button type="primary" onClick={start} loading={busy} data-testid="totp-start">
            {t('account.turnOn')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
