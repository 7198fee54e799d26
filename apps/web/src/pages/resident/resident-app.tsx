import type { Locale } from '@openami/contract';
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Spin, Typography } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProvider, useApi } from '../../api/api-context.tsx';
import { type ApiClient, ApiError } from '../../api/client.ts';
import { rememberLocale } from '../../i18n/index.ts';
import { LanguageSwitch } from '../../i18n/language-switch.tsx';
import { QueryError } from '../../shared/query-error.tsx';
import { validateMessages } from '../../shared/validate-messages.ts';
import { residentApi } from './resident-api.ts';
import { ResidentHome } from './resident-home.tsx';
import { ResidentSignIn } from './resident-sign-in.tsx';

function ResidentPages() {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const account = useQuery({
    queryKey: ['resident', 'account'],
    queryFn: () => residentApi.account(api),
    retry: false,
  });
  useEffect(() => {
    api.csrfToken = account.data?.csrfToken;
  }, [api, account.data]);
  const signedOut = account.error instanceof ApiError && account.error.code === 'UNAUTHENTICATED';

  const signOut = async () => {
    await residentApi.signOut(api).catch(() => undefined);
    api.csrfToken = undefined;
    queries.removeQueries({ queryKey: ['resident'] });
    await account.refetch();
  };

  if (account.isLoading) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (signedOut || account.data === undefined) {
    return (
      <>
        {signedOut ? null : <QueryError error={account.error} retry={() => void account.refetch()} />}
        <ResidentSignIn
          onSignedIn={(csrfToken) => {
            api.csrfToken = csrfToken;
            void account.refetch();
          }}
        />
      </>
    );
  }
  return (
    <>
      <ResidentHome account={account.data} />
      <Button block style={{ marginTop: 16 }} onClick={signOut} data-testid="resident-sign-out">
        {t('resident.home.signOut')}
      </Button>
    </>
  );
}

/**
 * The residents' own entry (`/resident`): a narrow single column for a phone, its own session (the
 * resident's cookie, not staff's), no menu. zh-CN unless English was chosen on this browser.
 */
export default function ResidentApp({ client }: { client: ApiClient }) {
  const { t, i18n } = useTranslation();
  const [locale, setLocale] = useState<Locale>(i18n.language === 'en' ? 'en' : 'zh-CN');
  const queryClient = useMemo(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
    [],
  );
  useEffect(() => {
    client.language = locale;
    document.documentElement.lang = locale;
    document.title = t('resident.title');
  }, [client, locale, t]);
  const changeLocale = (next: Locale) => {
    rememberLocale(window.localStorage, next);
    client.language = next;
    void i18n.changeLanguage(next);
    setLocale(next);
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
            <div
              style={{
                maxWidth: 480,
                margin: '0 auto',
                padding: 16,
                minHeight: '100vh',
                background: '#f5f7fa',
              }}
            >
              <div
                style={{
                  display: 'flex',
                  justifyContent: 'space-between',
                  alignItems: 'center',
                  marginBottom: 12,
                }}
              >
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t('resident.title')}
                </Typography.Title>
                <LanguageSwitch onChange={changeLocale} />
              </div>
              <ResidentPages />
            </div>
          </ApiProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
