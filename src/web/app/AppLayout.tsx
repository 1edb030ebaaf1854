import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Drawer, Grid, Layout, Menu, Tag, type MenuProps } from 'antd';
import {
  ApiOutlined,
  CheckSquareOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { currentLang } from '../i18n';
import { errorMessage } from '../lib/api';
import { logout } from '../modules/auth/auth.api';
import { useCurrentUser } from '../modules/auth/useCurrentUser';
import { visibleNav } from './nav';
import { LanguageSwitch } from './LanguageSwitch';

export { LanguageSwitch };
import { NotificationBell } from '../modules/notifications/NotificationBell';

const { Header, Sider, Content } = Layout;
const HEADER_HEIGHT = 64;

/**
 * The back office's frame. At 1440 px: a sticky header and a sticky sider whose menu scrolls on its own,
 * with the collapse button in the flow below it (antd's fixed trigger covered the last items). On a phone:
 * a header that wraps (name, language and logout stay reachable) and the menu as a drawer with labels.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const narrow = !Grid.useBreakpoint().md;
  const me = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const groups = useMemo(() => visibleNav(me.abilities), [me.abilities]);
  const english = currentLang() === 'en';

  const items: MenuProps['items'] = useMemo(
    () => [
      { key: '/', icon: <CheckSquareOutlined />, label: t('workbench.menu'), title: t('workbench.menu') },
      ...groups.map((g) => ({
        key: g.key,
        icon: g.icon,
        label: t(g.labelKey),
        title: t(g.labelKey),
        children: g.items.map((i) => ({ key: i.path, icon: i.icon, label: t(i.labelKey), title: t(i.labelKey) })),
      })),
    ],
    [groups, t],
  );

  const selected = useMemo(() => {
    const p = location.pathname;
    if (p === '/') return '/';
    // the longest menu path that holds the page (/party/admin is 党建管理, not 党组织架构 at /party)
    const leaf = groups
      .flatMap((g) => g.items)
      .filter((i) => p === i.path || p.startsWith(`${i.path}/`))
      .sort((a, b) => b.path.length - a.path.length)[0];
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

  // compact rows: a district administrator's whole menu nearly fits at 900 px, and the rest scrolls inside the sider
  const menu = (
    <ConfigProvider theme={{ components: { Menu: { itemHeight: 36, itemMarginBlock: 2 } } }}>
      <Menu
        mode="inline"
        data-testid="main-menu"
        selectedKeys={[selected]}
        defaultOpenKeys={groups.map((g) => g.key)}
        items={items}
        inlineIndent={narrow ? 16 : 20}
        onClick={(e) => {
          setDrawerOpen(false);
          void navigate(e.key);
        }}
        style={{ borderInlineEnd: 0 }}
      />
    </ConfigProvider>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        data-testid="app-header"
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          rowGap: 2,
          columnGap: narrow ? 4 : 16,
          height: 'auto',
          minHeight: narrow ? 52 : HEADER_HEIGHT,
          lineHeight: narrow ? '40px' : `${HEADER_HEIGHT}px`,
          paddingInline: narrow ? 8 : 20,
          paddingBlock: narrow ? 4 : 0,
          background: '#b71c1c',
          color: '#fff',
          position: narrow ? 'static' : 'sticky',
          top: 0,
          zIndex: 20,
        }}
      >
        {narrow && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            data-testid="nav-drawer-open"
            aria-label={t('workbench.openMenu')}
            onClick={() => setDrawerOpen(true)}
            style={{ color: '#fff' }}
          />
        )}
        <div
          style={{ display: 'flex', alignItems: 'baseline', gap: 10, cursor: 'pointer', whiteSpace: 'nowrap' }}
          onClick={() => void navigate('/')}
        >
          <span style={{ fontSize: narrow ? 20 : 22, fontWeight: 700, letterSpacing: 2 }}>{t('app.brand')}</span>
          {!narrow && <span style={{ fontSize: 14, opacity: 0.9 }}>{t('app.subtitle')}</span>}
        </div>
        <div style={{ flex: 1 }} />
        <div
          data-testid="user-menu"
          style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0, maxWidth: '100%', color: '#fff' }}
        >
          <UserOutlined />
          <span
            data-testid="user-display-name"
            title={me.displayName}
            style={{
              fontWeight: 600,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              maxWidth: narrow ? 150 : 260,
            }}
          >
            {me.displayName}
          </span>
          <Tag color="gold" data-testid="user-role" style={{ marginInlineEnd: 0 }}>
            {t(`roles.${me.role}`)}
          </Tag>
          {!narrow && (
            <span data-testid="user-org" style={{ opacity: 0.9, whiteSpace: 'nowrap' }}>
              {me.orgUnit.name}
            </span>
          )}
        </div>
        <NotificationBell />
        <LanguageSwitch compact={narrow} />
        {/* on a phone the header has no room for it (390 px hold brand, role, language and logout): the drawer has it */}
        {!narrow && (
          <Button
            type="text"
            icon={<ApiOutlined />}
            data-testid="my-api-keys"
            onClick={() => void navigate('/api-keys')}
            style={{ color: '#fff' }}
            aria-label={t('apiKeys.link')}
          >
            {t('apiKeys.link')}
          </Button>
        )}
        <Button
          type="text"
          icon={<LogoutOutlined />}
          data-testid="logout"
          onClick={() => void onLogout()}
          style={{ color: '#fff', paddingInline: narrow ? 6 : undefined }}
          aria-label={t('auth.logout')}
        >
          {!narrow && t('auth.logout')}
        </Button>
      </Header>
      <Layout>
        {narrow ? (
          <Drawer
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            placement="left"
            size={Math.min(300, window.innerWidth - 40)}
            title={t('app.brand')}
            styles={{ body: { padding: 0 } }}
            data-testid="nav-drawer"
          >
            {menu}
            {/* the header's api-key link, which 390 px have no room for, lives at the foot of the drawer */}
            <Button
              type="text"
              block
              icon={<ApiOutlined />}
              data-testid="drawer-api-keys"
              onClick={() => {
                setDrawerOpen(false);
                void navigate('/api-keys');
              }}
              style={{ borderTop: '1px solid #f0f0f0', borderRadius: 0, height: 44, textAlign: 'start' }}
            >
              {t('apiKeys.link')}
            </Button>
          </Drawer>
        ) : (
          <Sider
            collapsible
            collapsed={collapsed}
            trigger={null}
            width={english ? 272 : 228}
            theme="light"
            style={{ position: 'sticky', top: HEADER_HEIGHT, height: `calc(100vh - ${HEADER_HEIGHT}px)` }}
          >
            <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
              <div style={{ flex: 1, overflowY: 'auto', overflowX: 'hidden' }} data-testid="sider-scroll">
                {menu}
              </div>
              <Button
                type="text"
                block
                data-testid="sider-collapse"
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                aria-label={collapsed ? t('workbench.expandMenu') : t('workbench.collapseMenu')}
                onClick={() => setCollapsed((c) => !c)}
                style={{ borderTop: '1px solid #f0f0f0', borderRadius: 0, height: 40, flex: 'none' }}
              />
            </div>
          </Sider>
        )}
        <Content style={{ padding: narrow ? 10 : 20, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
