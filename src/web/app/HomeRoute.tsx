import { lazy, Suspense } from 'react';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useCurrentUser } from '../modules/auth/useCurrentUser';
import { firstAllowedPath } from './nav';
import { PageLoading } from './PageLoading';

const DashboardPage = lazy(() => import('../modules/dashboard/DashboardPage'));

/** Home is the coverage dashboard; roles without it land on their first module. */
export function HomeRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  if (me.abilities.includes('dashboard.read')) {
    return (
      <Suspense fallback={<PageLoading />}>
        <DashboardPage />
      </Suspense>
    );
  }
  const first = firstAllowedPath(me.abilities);
  if (first) return <Navigate to={first} replace />;
  return <Result status="info" title={t('app.title')} subTitle={me.displayName} />;
}
