import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { errorMessage } from '../lib/api';
import type { Ability } from '../lib/types';
import { useMe } from '../modules/auth/auth.api';
import { CurrentUserContext, useCurrentUser } from '../modules/auth/useCurrentUser';
import { PageLoading } from './PageLoading';

/** Shows its children only to a signed-in user; everyone else goes to /login?next=… */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <PageLoading />;
  if (me.isError) {
    return (
      <Result
        status="error"
        title={errorMessage(me.error)}
        extra={<Button onClick={() => void me.refetch()}>{t('app.retry')}</Button>}
      />
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'} replace />;
  }
  return <CurrentUserContext.Provider value={me.data}>{children}</CurrentUserContext.Provider>;
}

/** A page the user's role may not open shows a 403 result instead of an empty screen. */
export function RequireAbility({ ability, children }: { ability: Ability; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  if (!me.abilities.includes(ability)) {
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('app.noPermission')}
        data-testid="forbidden-result"
        extra={
          <Link to="/">
            <Button type="primary">{t('app.backHome')}</Button>
          </Link>
        }
      />
    );
  }
  return <>{children}</>;
}
