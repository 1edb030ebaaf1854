import { lazy, Suspense, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { queryClient } from './queryClient';
import { PAGES, Page } from './pages';
import { RequireAuth } from './guards';
import { PageLoading } from './PageLoading';
import { HomeRoute } from './HomeRoute';
import { NotFound } from './NotFound';
import { LoginPage } from '../modules/auth/LoginPage';

// The shell after login is its own chunk too: the login page downloads only the form (issue 17, page weight).
const AppLayout = lazy(() => import('./AppLayout').then((m) => ({ default: m.AppLayout })));
const MobileApp = lazy(() => import('../modules/mobile/MobileApp'));
// ── property ── the compound's public notices (no login; the notice board's QR code opens it)
const PublicNoticePage = lazy(() => import('../modules/property/PublicNoticePage'));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}

function LocalizedProviders({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? enUS : zhCN;
  return (
    <ConfigProvider
      locale={locale}
      theme={{ token: { colorPrimary: '#c0392b', borderRadius: 6 } }}
      // a dialog's body scrolls on its own, so its buttons stay on screen on a phone and on a short window
      modal={{ styles: { body: { maxHeight: 'calc(100dvh - 220px)', overflowY: 'auto', overflowX: 'hidden' } } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Root() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocalizedProviders>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route
              path="/p/property/:districtId/:compoundId"
              element={
                <Lazy>
                  <PublicNoticePage />
                </Lazy>
              }
            />
            <Route
              path="/m/*"
              element={
                <Lazy>
                  <MobileApp />
                </Lazy>
              }
            />
            <Route
              element={
                <RequireAuth>
                  <Lazy>
                    <AppLayout />
                  </Lazy>
                </RequireAuth>
              }
            >
              <Route index element={<HomeRoute />} />
              {PAGES.map((p) => (
                <Route key={p.path} path={p.path} element={<Page route={p} />} />
              ))}
              <Route path="home" element={<Navigate to="/" replace />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </LocalizedProviders>
    </QueryClientProvider>
  );
}
