import type { Permission } from '@openami/contract';
import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { errorText } from '../shared/error-text.ts';
import { useSession } from './session.tsx';

/** Pages behind sign-in: waits for who-am-I, sends a stranger to the sign-in page and back afterwards. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  switch (session.state.kind) {
    case 'loading':
      return (
        <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
          <Spin size="large" />
        </div>
      );
    case 'signedOut':
      return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
    case 'failed':
      return (
        <Result
          status="error"
          data-testid="query-error"
          title={errorText(session.state.error, t)}
          extra={
            <Button onClick={session.retry} data-testid="retry">
              {t('common.retry')}
            </Button>
          }
        />
      );
    case 'signedIn':
      // A role that must have two-step verification and has not: the account page, to enrol, and nothing else.
      if (session.state.secondFactor.mustEnrol && location.pathname !== accountPath) {
        return <Navigate to={accountPath} replace />;
      }
      return children;
  }
}

/** The user's own page: password and two-step verification. */
export const accountPath = '/account';

/** A page the role may not open says so, instead of failing request by request. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  if (!session.can(permission)) {
    return <Result status="403" title={t('errors.noPermissionTitle')} subTitle={t('errors.noPermission')} />;
  }
  return children;
}
