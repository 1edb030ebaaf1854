import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Grid, Layout, Menu, Space, Tag, type MenuProps } from 'antd';
import { DashboardOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../lib/api';
import { logout } from '../modules/auth/auth.api';
import { useCurrentUser } from '../modules/auth/useCurrentUser';
import { visibleNav } from './nav';
import { LanguageSwitch } from './LanguageSwitch';

export { LanguageSwitch };

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t } = useTranslation();
  // On a phone the header keeps the brand, the role, the language switch and logout; the rest would overflow.
  const narrow = !Grid.useBreakpoint().md;
  const me = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [collapsed, setCollapsed] = useState(false);
  const groups = useMemo(() => visibleNav(me.abilities), [me.abilities]);

  const items: MenuProps['items'] = useMemo(() => {
    const home = me.abilities.includes('dashboard.read')
      ? [{ key: '/', icon: <DashboardOutlined />, label: t('menu.home') }]
      : [];
    return [
      ...home,
      ...groups.map((g) => ({
        key: g.key,
        icon: g.icon,
        label: t(g.labelKey),
        children: g.items.map((i) => ({ key: i.path, icon: i.icon, label: t(i.labelKey) })),
      })),
    ];
  }, [groups, me.abilities, t]);

  const selected = useMemo(() => {
    const p = location.pathname;
    if (p === '/') return '/';
    const leaf = groups.flatMap((g) => g.items).find((i) => p === i.path || p.startsWith(`${i.path}/`));
    return leaf?.path ?? p;
  }, [groups, location.pathname]);

  const onLogout = async () => {
    try {
      await logout();
    } catch (e) {
      void message.error(errorMessage(e));
    }
    queryClient.clear();
    void message.success(t('auth.loggedOut'));
    void navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          paddingInline: narrow ? 12 : 20,
          gap: narrow ? 8 : 16,
          background: '#b71c1c',
          color: '#fff',
        }}
      >
        <div
          style={{ display: 'flex', alignItems: 'baseline', gap: 10, cursor: 'pointer', whiteSpace: 'nowrap' }}
          onClick={() => void navigate('/')}
        >
          <span style={{ fontSize: 22, fontWeight: 700, letterSpacing: 2 }}>{t('app.brand')}</span>
          {!narrow && <span style={{ fontSize: 14, opacity: 0.9 }}>{t('app.subtitle')}</span>}
        </div>
        <div style={{ flex: 1 }} />
        <Space size={12} data-testid="user-menu" style={{ color: '#fff' }}>
          <UserOutlined />
          {!narrow && (
            <span data-testid="user-display-name" style={{ fontWeight: 600 }}>
              {me.displayName}
            </span>
          )}
          <Tag color="gold" data-testid="user-role" style={{ marginInlineEnd: 0 }}>
            {t(`roles.${me.role}`)}
          </Tag>
          {!narrow && (
            <span data-testid="user-org" style={{ opacity: 0.9 }}>
              {me.orgUnit.name}
            </span>
          )}
        </Space>
        <LanguageSwitch />
        <Button
          type="text"
          icon={<LogoutOutlined />}
          data-testid="logout"
          onClick={() => void onLogout()}
          style={{ color: '#fff' }}
          aria-label={t('auth.logout')}
        >
          {!narrow && t('auth.logout')}
        </Button>
      </Header>
      <Layout>
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={236} theme="light" breakpoint="lg">
          <Menu
            mode="inline"
            data-testid="main-menu"
            selectedKeys={[selected]}
            defaultOpenKeys={groups.map((g) => g.key)}
            items={items}
            onClick={(e) => void navigate(e.key)}
            style={{ height: '100%', borderInlineEnd: 0 }}
          />
        </Sider>
        <Content style={{ padding: 20, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
