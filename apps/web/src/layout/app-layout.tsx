import { DownOutlined, LogoutOutlined, MenuOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import type { Locale } from '@openami/contract';
import { Button, Drawer, Dropdown, Layout, Menu, Space, Typography, theme } from 'antd';
import type { ItemType } from 'antd/es/menu/interface';
import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { accountPath } from '../auth/guards.tsx';
import { useSession } from '../auth/session.tsx';
import { LanguageSwitch } from '../i18n/language-switch.tsx';
import { navigationFor } from './navigation.ts';
import './narrow.css';

/** Below Ant Design's `lg` (992 px) the menu leaves the side for a drawer, and the page gets the width. */
const narrowQuery = '(max-width: 991.98px)';

function useNarrow(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(narrowQuery);
      query.addEventListener('change', changed);
      return () => query.removeEventListener('change', changed);
    },
    () => window.matchMedia(narrowQuery).matches,
  );
}

/**
 * The frame of every staff page: the menu the role allows, the language switch and the user menu. On a
 * narrow screen (a phone, a small tablet) the menu opens from a button in the header, over the page, so the
 * button never covers the page's title and the page keeps the screen's whole width.
 */
export function AppLayout({ onLocaleChange }: { onLocaleChange: (locale: Locale) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  const narrow = useNarrow();
  const [menuOpen, setMenuOpen] = useState(false);
  if (session.state.kind !== 'signedIn') return null;
  const { user } = session.state;

  // A session that must enrol a second factor first may open no page but its account: no menu until then.
  const groups = session.state.secondFactor.mustEnrol ? [] : navigationFor(session.can);
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

  const appName = (
    <div style={{ padding: '16px 24px', fontWeight: 600, fontSize: 18, color: token.colorPrimary }}>
      {t('app.name')}
    </div>
  );
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected}
      onClick={({ key }) => {
        setMenuOpen(false);
        navigate(key);
      }}
      aria-label={t('nav.label')}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {narrow ? (
        <Drawer
          placement="left"
          width={240}
          open={menuOpen}
          onClose={() => setMenuOpen(false)}
          closable={false}
          styles={{ body: { padding: 0 } }}
        >
          {appName}
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider width={208} theme="light">
          {appName}
          {menu}
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: narrow ? '0 12px' : '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            gap: narrow ? 8 : 16,
          }}
        >
          {narrow ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.open')}
              aria-expanded={menuOpen}
              data-testid="menu-button"
              onClick={() => setMenuOpen(true)}
              style={{ marginInlineEnd: 'auto' }}
            />
          ) : null}
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
                { key: 'account', icon: <SafetyOutlined />, label: t('user.account') },
                { key: 'signOut', icon: <LogoutOutlined />, label: t('user.signOut') },
              ],
              onClick: ({ key }) => {
                if (key === 'account') navigate(accountPath);
                if (key === 'signOut') void session.signOut().then(() => navigate('/sign-in'));
              },
            }}
          >
            <Button type="text" data-testid="user-menu">
              <Space>
                <UserOutlined />
                <Typography.Text ellipsis style={{ maxWidth: narrow ? 96 : 240 }}>
                  {user.displayName === '' ? user.username : user.displayName}
                </Typography.Text>
                <DownOutlined />
              </Space>
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ margin: narrow ? 12 : 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
