import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session.tsx';
import { PasswordCard } from './password-card.tsx';
import { TwoStepCard } from './two-step-card.tsx';

/** The signed-in user's own account: two-step verification and password. */
export default function AccountPage() {
  const { t } = useTranslation();
  const session = useSession();
  const mustEnrol = session.state.kind === 'signedIn' && session.state.secondFactor.mustEnrol;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('account.title')}</Typography.Title>
      <TwoStepCard />
      {mustEnrol ? null : <PasswordCard />}
    </Space>
  );
}
