import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import type { Locale } from '@openami/contract';
import { Button, Dropdown, Layout, Menu, Space, Typography, theme } from 'antd';
import type { ItemType } from 'antd/es/menu/interface';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { LanguageSwitch } from '../i18n/language-switch.tsx';
import { navigationFor } from './navigation.ts';

/** The frame of every staff page: the menu the role allows, the language switch and the user menu. */
export function AppLayout({ onLocaleChange }: { onLocaleChange: (locale: Locale) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  if (session.state.kind !== 'signedIn') return null;
  const { user } = session.state;

  const groups = navigationFor(session.can);
  const items: ItemType[] = groups.map((group) =>
    group.key === 'home'
      ? { type: 'group', key: group.key, label: null, children: group.entries.map(entryItem) }
      : { type: 'group', key: group.key, label: t(group.labelKey), children: group.entries.map(entryItem) },
  );
  function entryItem(entry: { path: string; labelKey: string }): ItemType {
    return { key: entry.path, label: t(entry.labelKey) };
  }
  const selected = groups
    .flatMap((g) => g.entries)
    .map((e) => e.path)
    .filter((path) => path === location.pathname || (path !== '/' && location.pathname.startsWith(path)));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="light" breakpoint="lg" collapsedWidth={0}>
        <div style={{ padding: '16px 24px', fontWeight: 600, fontSize: 18, color: token.colorPrimary }}>
          {t('app.name')}
        </div>
        <Menu
          mode="inline"
          items={items}
          selectedKeys={selected}
          onClick={({ key }) => navigate(key)}
          aria-label={t('nav.label')}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            gap: 16,
          }}
        >
          <LanguageSwitch onChange={onLocaleChange} />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                {
                  key: 'role',
                  disabled: true,
                  label: `${t('user.role')}: ${t(`roles.${user.role}`)}`,
                },
                { type: 'divider' },
                { key: 'signOut', icon: <LogoutOutlined />, label: t('user.signOut') },
              ],
              onClick: ({ key }) => {
                if (key === 'signOut') void session.signOut().then(() => navigate('/sign-in'));
              },
            }}
          >
            <Button type="text" data-testid="user-menu">
              <Space>
                <UserOutlined />
                <Typography.Text>
                  {user.displayName === '' ? user.username : user.displayName}
                </Typography.Text>
                <DownOutlined />
              </Space>
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
