import type { Locale, Permission } from '@openami/contract';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, type ReactNode, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiProvider } from './api/api-context.tsx';
import type { ApiClient } from './api/client.ts';
import { accountPath, RequirePermission, RequireSignIn } from './auth/guards.tsx';
import { SessionProvider, useSession } from './auth/session.tsx';
import { SignInPage } from './auth/sign-in-page.tsx';
import { isLocale, localeChosen, rememberLocale } from './i18n/index.ts';
import { AppLayout } from './layout/app-layout.tsx';
import { validateMessages } from './shared/validate-messages.ts';

// Each page is its own chunk, so the first load carries only the frame and the page asked for.
const DashboardPage = lazy(() => import('./pages/dashboard/dashboard-page.tsx'));
const AreasPage = lazy(() => import('./pages/areas/areas-page.tsx'));
const TerminalsPage = lazy(() => import('./pages/terminals/terminals-page.tsx'));
const MeterTypesPage = lazy(() => import('./pages/meter-types/meter-types-page.tsx'));
const PriceTypesPage = lazy(() => import('./pages/price-types/price-types-page.tsx'));
const MetersPage = lazy(() => import('./pages/meters/meters-page.tsx'));
const MeterPage = lazy(() => import('./pages/meter/meter-page.tsx'));
const CollectionPage = lazy(() => import('./pages/collection/collection-page.tsx'));
const RunPage = lazy(() => import('./pages/collection/run-page.tsx'));
const CustomersPage = lazy(() => import('./pages/customers/customers-page.tsx'));
const UsersPage = lazy(() => import('./pages/users/users-page.tsx'));
const AuditPage = lazy(() => import('./pages/audit/audit-page.tsx'));
const CounterPage = lazy(() => import('./pages/counter/counter-page.tsx'));
const ApprovalsPage = lazy(() => import('./pages/approvals/approvals-page.tsx'));
const AlarmsPage = lazy(() => import('./pages/alarms/alarms-page.tsx'));
const MonitorPage = lazy(() => import('./pages/monitor/monitor-page.tsx'));
const ReportsPage = lazy(() => import('./pages/reports/reports-page.tsx'));
const AccountPage = lazy(() => import('./pages/account/account-page.tsx'));

const pages: readonly { path: string; permission: Permission | undefined; page: ReactNode }[] = [
  { path: '/', permission: undefined, page: <DashboardPage /> },
  { path: '/archives/areas', permission: 'area.read', page: <AreasPage /> },
  { path: '/archives/terminals', permission: 'terminal.read', page: <TerminalsPage /> },
  { path: '/archives/meter-types', permission: 'meterType.read', page: <MeterTypesPage /> },
  { path: '/archives/price-types', permission: 'priceType.read', page: <PriceTypesPage /> },
  { path: '/archives/meters', permission: 'meter.read', page: <MetersPage /> },
  { path: '/archives/meters/:id', permission: 'meter.read', page: <MeterPage /> },
  { path: '/archives/customers', permission: 'customer.read', page: <CustomersPage /> },
  { path: '/collection', permission: 'collection.read', page: <CollectionPage /> },
  { path: '/collection/runs/:id', permission: 'collection.read', page: <RunPage /> },
  { path: '/vending/counter', permission: 'vending.read', page: <CounterPage /> },
  { path: '/vending/approvals', permission: 'vending.approve', page: <ApprovalsPage /> },
  { path: '/alarms', permission: 'alarm.read', page: <AlarmsPage /> },
  { path: '/monitor', permission: 'alarm.read', page: <MonitorPage /> },
  { path: '/reports', permission: 'meter.read', page: <ReportsPage /> },
  { path: '/admin/users', permission: 'user.read', page: <UsersPage /> },
  { path: '/admin/audit', permission: 'audit.read', page: <AuditPage /> },
  { path: accountPath, permission: undefined, page: <AccountPage /> },
];

const pageFallback = (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin />
  </div>
);

/**
 * The signed-in user's own language, when no one picked one on this browser: at sign-in and as much on a
 * reload of a signed-in tab, so the pages and the server's errors come in it either way.
 */
function ProfileLanguage({ apply }: { apply: (locale: Locale) => void }) {
  const session = useSession();
  const locale = session.state.kind === 'signedIn' ? session.state.user.locale : undefined;
  const applyRef = useRef(apply);
  applyRef.current = apply;
  useEffect(() => {
    if (isLocale(locale)) applyRef.current(locale);
  }, [locale]);
  return null;
}

export function App({ client }: { client: ApiClient }) {
  const { t, i18n } = useTranslation();
  const [locale, setLocale] = useState<Locale>(i18n.language === 'en' ? 'en' : 'zh-CN');
  const queryClient = useMemo(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
    [],
  );
  useEffect(() => {
    client.language = locale;
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [client, locale, t]);

  const applyLocale = (next: Locale) => {
    client.language = next;
    void i18n.changeLanguage(next);
    setLocale(next);
  };
  const changeLocale = (next: Locale) => {
    rememberLocale(window.localStorage, next);
    applyLocale(next);
  };
  const profileLocale = (next: Locale) => {
    if (!localeChosen(window.localStorage)) applyLocale(next);
  };

  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      form={{ validateMessages: validateMessages(t) }}
      theme={{ token: { colorPrimary: '#1668dc' } }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <ApiProvider client={client}>
            <SessionProvider>
              <ProfileLanguage apply={profileLocale} />
              <BrowserRouter>
                <Routes>
                  <Route
                    path="/sign-in"
                    element={<SignInPage onLocaleChange={changeLocale} onProfileLocale={profileLocale} />}
                  />
                  <Route
                    element={
                      <RequireSignIn>
                        <AppLayout onLocaleChange={changeLocale} />
                      </RequireSignIn>
                    }
                  >
                    {pages.map(({ path, permission, page }) => (
                      <Route
                        key={path}
                        path={path}
                        element={
                          <Suspense fallback={pageFallback}>
                            {permission === undefined ? (
                              page
                            ) : (
                              <RequirePermission permission={permission}>{page}</RequirePermission>
                            )}
                          </Suspense>
                        }
                      />
                    ))}
                    <Route path="*" element={<Navigate to="/" replace />} />
                  </Route>
                </Routes>
              </BrowserRouter>
            </SessionProvider>
          </ApiProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
