import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import type { Locale, User } from '@openami/contract';
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
  /** Set once the password was right and a code from the authenticator app is owed. */
  const [challenge, setChallenge] = useState<string | undefined>();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (session.state.kind === 'signedIn') return <Navigate to={from} replace />;

  const signedIn = (user: User) => {
    if (isLocale(user.locale)) onProfileLocale(user.locale);
    navigate(from, { replace: true });
  };
  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await work();
    } catch (error) {
      setFailure(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  const submit = ({ username, password }: Credentials) =>
    attempt(async () => {
      const step = await session.signIn(username, password);
      if (step.kind === 'secondFactor') setChallenge(step.challenge);
      else signedIn(step.user);
    });
  const submitCode = ({ code }: { code: string }) =>
    attempt(async () => {
      if (challenge === undefined) return;
      signedIn(await session.completeSignIn(challenge, code));
    });

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
          {challenge === undefined ? t('signIn.subtitle') : t('signIn.codeHint')}
        </Typography.Paragraph>
        {failure === undefined ? null : (
          <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} role="alert" />
        )}
        {challenge === undefined ? (
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
        ) : (
          <Form<{ code: string }> layout="vertical" onFinish={submitCode} requiredMark={false}>
            <Form.Item name="code" label={t('signIn.code')} rules={[{ required: true }]}>
              <Input
                prefix={<SafetyOutlined />}
                autoComplete="one-time-code"
                inputMode="text"
                autoFocus
                data-testid="sign-in-code"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('signIn.verify')}
            </Button>
            <Button
              type="link"
              block
              onClick={() => {
                setChallenge(undefined);
                setFailure(undefined);
              }}
            >
              {t('signIn.back')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
