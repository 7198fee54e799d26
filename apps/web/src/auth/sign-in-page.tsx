import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { Locale } from '@openami/contract';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { isLocale } from '../i18n/index.ts';
import { LanguageSwitch } from '../i18n/language-switch.tsx';
import { errorText } from '../shared/error-text.ts';
import { useSession } from './session.tsx';

interface Credentials {
  readonly username: string;
  readonly password: string;
}

export function SignInPage({
  onLocaleChange,
  onProfileLocale,
}: {
  onLocaleChange: (locale: Locale) => void;
  /** The language of the user's profile, which applies unless this browser has a choice of its own. */
  onProfileLocale: (locale: Locale) => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (session.state.kind === 'signedIn') return <Navigate to={from} replace />;

  const submit = async ({ username, password }: Credentials) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const user = await session.signIn(username, password);
      if (isLocale(user.locale)) onProfileLocale(user.locale);
      navigate(from, { replace: true });
    } catch (error) {
      setFailure(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <LanguageSwitch onChange={onLocaleChange} />
        </div>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('signIn.subtitle')}
        </Typography.Paragraph>
        {failure === undefined ? null : (
          <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} role="alert" />
        )}
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
