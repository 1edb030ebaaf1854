import { lazy, Suspense, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { queryClient } from './queryClient';
import { RequireAuth, RequireAbility } from './guards';
import { PageLoading } from './PageLoading';
import { HomeRoute } from './HomeRoute';
import { NotFound } from './NotFound';
import { LoginPage } from '../modules/auth/LoginPage';

// The shell after login is its own chunk too: the login page downloads only the form (issue 17, page weight).
const AppLayout = lazy(() => import('./AppLayout').then((m) => ({ default: m.AppLayout })));
const DashboardPage = lazy(() => import('../modules/dashboard/DashboardPage'));
const OrgPage = lazy(() => import('../modules/org/OrgPage'));
const PartyPage = lazy(() => import('../modules/party/PartyPage'));
const PartyAdminPage = lazy(() => import('../modules/party/PartyAdminPage'));
const PeoplePage = lazy(() => import('../modules/people/PeoplePage'));
const StationsPage = lazy(() => import('../modules/stations/StationsPage'));
const CommitteesPage = lazy(() => import('../modules/committees/CommitteesPage'));
const PropertyPage = lazy(() => import('../modules/property/PropertyPage'));
const OrdersPage = lazy(() => import('../modules/work-orders/OrdersPage'));
const OrderDetailPage = lazy(() => import('../modules/work-orders/OrderDetailPage'));
const OrderMetricsPage = lazy(() => import('../modules/work-orders/OrderMetricsPage'));
const MeetingsPage = lazy(() => import('../modules/work-orders/MeetingsPage'));
const MeetingDetailPage = lazy(() => import('../modules/work-orders/MeetingDetailPage'));
const MinorPage = lazy(() => import('../modules/minor-protection/MinorPage'));
const ChildFilePage = lazy(() => import('../modules/minor-protection/ChildFilePage'));
const ReferralInboxPage = lazy(() => import('../modules/minor-protection/ReferralInboxPage'));
const PurchasePage = lazy(() => import('../modules/service-purchase/PurchasePage'));
const PurchaseRoundPage = lazy(() => import('../modules/service-purchase/RoundPage'));
const PurchaseProposalPage = lazy(() => import('../modules/service-purchase/ProposalPage'));
const PurchaseContractPage = lazy(() => import('../modules/service-purchase/ContractPage'));
const VolunteersPage = lazy(() => import('../modules/volunteers/VolunteersPage'));
const MyVolunteeringPage = lazy(() => import('../modules/volunteers/MyVolunteeringPage'));
const ScanPage = lazy(() => import('../modules/volunteers/ScanPage'));
const CanteensPage = lazy(() => import('../modules/canteens/CanteensPage'));
const LivingCirclePage = lazy(() => import('../modules/stations/LivingCirclePage'));
const RiderMeetingsPage = lazy(() => import('../modules/stations/RiderMeetingsPage'));
const UsersPage = lazy(() => import('../modules/users/UsersPage'));
const MobileApp = lazy(() => import('../modules/mobile/MobileApp'));
const NotificationsPage = lazy(() => import('../modules/notifications/NotificationsPage'));
const NotificationPreferencesPage = lazy(() => import('../modules/notifications/PreferencesPage'));
const DeadLettersPage = lazy(() => import('../modules/notifications/DeadLettersPage'));
const MyApiKeysPage = lazy(() => import('../modules/users/MyApiKeysPage'));
const AssessmentRankingPage = lazy(() => import('../modules/assessment/RankingPage'));
const AssessmentAppealsPage = lazy(() => import('../modules/assessment/AppealsPage'));
const AssessmentCallbacksPage = lazy(() => import('../modules/assessment/CallbacksPage'));

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
              <Route
                path="dashboard"
                element={
                  <RequireAbility ability="dashboard.read">
                    <Lazy>
                      <DashboardPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="org"
                element={
                  <RequireAbility ability="org.read">
                    <Lazy>
                      <OrgPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="party"
                element={
                  <RequireAbility ability="party.read">
                    <Lazy>
                      <PartyPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="party/admin"
                element={
                  <RequireAbility ability="party.manage">
                    <Lazy>
                      <PartyAdminPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="people"
                element={
                  <RequireAbility ability="people.read">
                    <Lazy>
                      <PeoplePage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="people/:id"
                element={
                  <RequireAbility ability="people.read">
                    <Lazy>
                      <PeoplePage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="stations"
                element={
                  <RequireAbility ability="stations.read">
                    <Lazy>
                      <StationsPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="property"
                element={
                  <RequireAbility ability="property.read">
                    <Lazy>
                      <PropertyPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="committees"
                element={
                  <RequireAbility ability="org.read">
                    <Lazy>
                      <CommitteesPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="orders"
                element={
                  <RequireAbility ability="orders.read">
                    <Lazy>
                      <OrdersPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="orders/:id"
                element={
                  <RequireAbility ability="orders.read">
                    <Lazy>
                      <OrderDetailPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="assessment"
                element={
                  <RequireAbility ability="assessment.read">
                    <Lazy>
                      <AssessmentRankingPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="assessment/appeals"
                element={
                  <RequireAbility ability="assessment.read">
                    <Lazy>
                      <AssessmentAppealsPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="assessment/callbacks"
                element={
                  <RequireAbility ability="callbacks.manage">
                    <Lazy>
                      <AssessmentCallbacksPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="orders-metrics"
                element={
                  <RequireAbility ability="metrics.read">
                    <Lazy>
                      <OrderMetricsPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="meetings"
                element={
                  <RequireAbility ability="meetings.manage">
                    <Lazy>
                      <MeetingsPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="meetings/:id"
                element={
                  <RequireAbility ability="meetings.manage">
                    <Lazy>
                      <MeetingDetailPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="minor"
                element={
                  <RequireAbility ability="minor.read">
                    <Lazy>
                      <MinorPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="minor/:id"
                element={
                  <RequireAbility ability="minor.read">
                    <Lazy>
                      <ChildFilePage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="minor-referrals"
                element={
                  <RequireAbility ability="minor.referral.respond">
                    <Lazy>
                      <ReferralInboxPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="purchase"
                element={
                  <RequireAbility ability="purchase.read">
                    <Lazy>
                      <PurchasePage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="purchase/rounds/:id"
                element={
                  <RequireAbility ability="purchase.read">
                    <Lazy>
                      <PurchaseRoundPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="purchase/proposals/:id"
                element={
                  <RequireAbility ability="purchase.read">
                    <Lazy>
                      <PurchaseProposalPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="purchase/contracts/:id"
                element={
                  <RequireAbility ability="purchase.read">
                    <Lazy>
                      <PurchaseContractPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="volunteers"
                element={
                  <RequireAbility ability="volunteers.read">
                    <Lazy>
                      <VolunteersPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="my-volunteering"
                element={
                  <RequireAbility ability="volunteers.participate">
                    <Lazy>
                      <MyVolunteeringPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="volunteer/scan"
                element={
                  <RequireAbility ability="volunteers.participate">
                    <Lazy>
                      <ScanPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="canteens"
                element={
                  <RequireAbility ability="canteens.manage">
                    <Lazy>
                      <CanteensPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="living-circle"
                element={
                  <RequireAbility ability="stations.read">
                    <Lazy>
                      <LivingCirclePage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="rider-meetings"
                element={
                  <RequireAbility ability="stations.manage">
                    <Lazy>
                      <RiderMeetingsPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="users"
                element={
                  <RequireAbility ability="users.manage">
                    <Lazy>
                      <UsersPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="users/:id"
                element={
                  <RequireAbility ability="users.manage">
                    <Lazy>
                      <UsersPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="notifications"
                element={
                  <Lazy>
                    <NotificationsPage />
                  </Lazy>
                }
              />
              <Route
                path="notifications/settings"
                element={
                  <Lazy>
                    <NotificationPreferencesPage />
                  </Lazy>
                }
              />
              <Route
                path="notifications/dead-letters"
                element={
                  <RequireAbility ability="notifications.admin">
                    <Lazy>
                      <DeadLettersPage />
                    </Lazy>
                  </RequireAbility>
                }
              />
              <Route
                path="api-keys"
                element={
                  <Lazy>
                    <MyApiKeysPage />
                  </Lazy>
                }
              />
              <Route path="home" element={<Navigate to="/" replace />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </LocalizedProviders>
    </QueryClientProvider>
  );
}
