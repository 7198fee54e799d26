import { App, Button, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { errorText } from '../../shared/error-text.ts';
import { residentApi } from './resident-api.ts';

interface Fields {
  readonly accountNo: string;
  readonly phone: string;
  readonly code: string;
}

/** Account number and phone → a code by SMS → the code signs in. */
export function ResidentSignIn({ onSignedIn }: { onSignedIn: (csrfToken: string) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [sending, setSending] = useState(false);
  const [signingIn, setSigningIn] = useState(false);
  const [codeSent, setCodeSent] = useState(false);
  const [waitSeconds, setWaitSeconds] = useState(0);

  useEffect(() => {
    if (waitSeconds <= 0) return;
    const timer = setTimeout(() => setWaitSeconds((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [waitSeconds]);

  const sendCode = async () => {
    const { accountNo, phone } = await form.validateFields(['accountNo', 'phone']);
    setSending(true);
    try {
      const sent = await residentApi.requestCode(api, accountNo, phone);
      setCodeSent(true);
      setWaitSeconds(Math.ceil(sent.resendAfterMs / 1000));
      message.success(t('resident.signIn.codeSent'));
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setSending(false);
    }
  };

  const signIn = async (fields: Fields) => {
    setSigningIn(true);
    try {
      const signed = await residentApi.signIn(api, fields.accountNo, fields.code);
      onSignedIn(signed.csrfToken);
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setSigningIn(false);
    }
  };

  return (
    <Form<Fields> form={form} layout="vertical" onFinish={signIn} requiredMark={false}>
      <Typography.Title level={4}>{t('resident.signIn.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('resident.signIn.hint')}</Typography.Paragraph>
      <Form.Item name="accountNo" label={t('resident.signIn.accountNo')} rules={[{ required: true }]}>
        <Input size="large" autoComplete="username" data-testid="resident-account-no" />
      </Form.Item>
      <Form.Item name="phone" label={t('resident.signIn.phone')} rules={[{ required: true }]}>
        <Input size="large" type="tel" inputMode="tel" autoComplete="tel" data-testid="resident-phone" />
      </Form.Item>
      <Button
        block
        size="large"
        onClick={sendCode}
        loading={sending}
        disabled={waitSeconds > 0}
        data-testid="resident-send-code"
      >
        {waitSeconds > 0
          ? t('resident.signIn.resendIn', { seconds: waitSeconds })
          : t('resident.signIn.sendCode')}
      </Button>
      <Form.Item
        name="code"
        label={t('resident.signIn.code')}
        rules={[{ required: true }]}
        style={{ marginTop: 16 }}
      >
        <Input
          size="large"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          disabled={!codeSent}
          data-testid="resident-code"
        />
      </Form.Item>
      <Button
        block
        type="primary"
        size="large"
        htmlType="submit"
        loading={signingIn}
        disabled={!codeSent}
        data-testid="resident-sign-in"
      >
        {t('resident.signIn.submit')}
      </Button>
    </Form>
  );
}
