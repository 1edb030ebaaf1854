import { useEffect, type ReactNode } from 'react';
import { Alert, Button, Result } from 'antd';
import {
  BulbOutlined,
  CheckSquareOutlined,
  EnvironmentOutlined,
  FormOutlined,
  HeartOutlined,
  PlusCircleOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { errorMessage } from '../../lib/api';
import { LanguageSwitch } from '../../app/AppLayout';
import { PageLoading } from '../../app/PageLoading';
import { useMe } from '../auth/auth.api';
import { CurrentUserContext } from '../auth/useCurrentUser';
import { registerMobileShell, useDrafts } from './mobile.api';
import { MobileLogin } from './MobileLogin';
import { MobileHome } from './MobileHome';
import { MobileNewRequest } from './MobileNewRequest';
import { MobileOrder } from './MobileOrder';
import { MobileActivities, MobileStations } from './MobileServices';
import { MobileBell, MobileNotifications } from './MobileNotifications';
import { MobileConsultation, MobileConsultations } from './MobileConsultations';
import { MobilePatrols } from './MobilePatrols';
import { MobilePatrol } from './MobilePatrol';
import { MobileProposals } from '../proposals/MobileProposals';
import { MobileHours } from './MobileHours';
import { MobileCanteen } from './MobileCanteen';

/** The phone-first app under /m/: residents' requests and activities, the grid worker's to-do list. */
function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const { drafts, online } = useDrafts();
  const isResident = me.data?.role === 'resident';
  const tab = (to: string, icon: ReactNode, label: string, testId: string) => (
    <NavLink
      to={to}
      end={to === '/m/'}
      data-testid={testId}
      style={({ isActive }) => ({
        flex: 1,
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        gap: 2,
        padding: '6px 0',
        fontSize: 12,
        color: isActive ? '#b71c1c' : '#555',
      })}
    >
      <span style={{ fontSize: 20 }}>{icon}</span>
      {label}
    </NavLink>
  );
  return (
    <div style={{ minHeight: '100vh', background: '#f5f6f8', paddingBottom: 64 }} data-testid="mobile-app">
      <header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          padding: '8px 12px',
          background: '#b71c1c',
          color: '#fff',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        <strong style={{ fontSize: 18, letterSpacing: 2 }}>{t('app.brand')}</strong>
        <span
          style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
          data-testid="m-user"
        >
          {me.data?.displayName}
        </span>
        <MobileBell />
        <LanguageSwitch compact />
      </header>
      {!online && (
        <Alert type="warning" banner data-testid="m-offline" message={t('mobile.offline', { count: drafts.length })} />
      )}
      {online && drafts.length > 0 && (
        <Alert
          type="info"
          banner
          data-testid="m-drafts"
          message={t('mobile.draftsWaiting', { count: drafts.length })}
        />
      )}
      <main style={{ padding: 12 }}>{children}</main>
      <nav
        style={{
          position: 'fixed',
          bottom: 0,
          left: 0,
          right: 0,
          display: 'flex',
          background: '#fff',
          borderTop: '1px solid #eee',
          zIndex: 10,
        }}
      >
        {tab('/m/', <CheckSquareOutlined />, t('mobile.tabs.todo'), 'm-tab-todo')}
        {me.data?.abilities.includes('orders.create') &&
          tab(
            '/m/new',
            <PlusCircleOutlined />,
            t(isResident ? 'mobile.tabs.newRequest' : 'mobile.tabs.newOrder'),
            'm-tab-new',
          )}
        {me.data?.abilities.includes('volunteers.participate') &&
          tab('/m/activities', <HeartOutlined />, t('mobile.tabs.activities'), 'm-tab-activities')}
        {me.data?.abilities.includes('patrols.record') &&
          tab('/m/patrols', <SafetyOutlined />, t('patrols.tab'), 'm-tab-patrols')}
        {tab('/m/stations', <EnvironmentOutlined />, t('mobile.tabs.stations'), 'm-tab-stations')}
        {me.data?.abilities.includes('consultations.answer') &&
          tab('/m/consultations', <FormOutlined />, t('consult.mTab'), 'm-tab-consultations')}
        {me.data?.abilities.includes('proposals.raise') &&
          tab('/m/proposals', <BulbOutlined />, t('proposals.mTab'), 'm-tab-proposals')}
      </nav>
    </div>
  );
}

function RequireMobileAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <PageLoading />;
  if (me.isError)
    return (
      <Result
        status="error"
        title={errorMessage(me.error)}
        extra={<Button onClick={() => void me.refetch()}>{t('app.retry')}</Button>}
      />
    );
  if (!me.data) return <Navigate to={`/m/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  return (
    <CurrentUserContext.Provider value={me.data}>
      <Shell>{children}</Shell>
    </CurrentUserContext.Provider>
  );
}

export default function MobileApp() {
  useEffect(registerMobileShell, []);
  const auth = (el: ReactNode) => <RequireMobileAuth>{el}</RequireMobileAuth>;
  return (
    <Routes>
      <Route path="login" element={<MobileLogin />} />
      <Route index element={auth(<MobileHome />)} />
      <Route path="new" element={auth(<MobileNewRequest />)} />
      <Route path="orders/:id" element={auth(<MobileOrder />)} />
      <Route path="activities" element={auth(<MobileActivities />)} />
      <Route path="hours" element={auth(<MobileHours />)} />
      <Route path="canteen" element={auth(<MobileCanteen />)} />
      <Route path="stations" element={auth(<MobileStations />)} />
      <Route path="notifications" element={auth(<MobileNotifications />)} />
      <Route path="consultations" element={auth(<MobileConsultations />)} />
      <Route path="consultations/:id" element={auth(<MobileConsultation />)} />
      <Route path="patrols" element={auth(<MobilePatrols />)} />
      <Route path="patrols/:id" element={auth(<MobilePatrol />)} />
      <Route path="proposals" element={auth(<MobileProposals />)} />
      <Route path="*" element={<Navigate to="/m/" replace />} />
    </Routes>
  );
}
