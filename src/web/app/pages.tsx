import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import type { Ability } from '../lib/types';
import { RequireAbility } from './guards';
import { PageLoading } from './PageLoading';

/** A back-office page: its path under the shell, the ability it needs (none: any signed-in user), its lazily loaded module. */
export interface PageRoute {
  path: string;
  ability?: Ability;
  page: LazyExoticComponent<ComponentType>;
}

/** Every page of the back office, each its own chunk (the first download holds only the shell). */
export const PAGES: PageRoute[] = [
  { path: 'dashboard', ability: 'dashboard.read', page: lazy(() => import('../modules/dashboard/DashboardPage')) },
  { path: 'org', ability: 'org.read', page: lazy(() => import('../modules/org/OrgPage')) },
  { path: 'party', ability: 'party.read', page: lazy(() => import('../modules/party/PartyPage')) },
  { path: 'party/admin', ability: 'party.manage', page: lazy(() => import('../modules/party/PartyAdminPage')) },
  {
    path: 'party/programmes',
    ability: 'party.read',
    page: lazy(() => import('../modules/party/ProgrammesPage')),
  },
  { path: 'people', ability: 'people.read', page: lazy(() => import('../modules/people/PeoplePage')) },
  { path: 'people/:id', ability: 'people.read', page: lazy(() => import('../modules/people/PeoplePage')) },
  { path: 'stations', ability: 'stations.read', page: lazy(() => import('../modules/stations/StationsPage')) },
  { path: 'property', ability: 'property.read', page: lazy(() => import('../modules/property/PropertyPage')) },
  { path: 'committees', ability: 'org.read', page: lazy(() => import('../modules/committees/CommitteesPage')) },
  { path: 'orders', ability: 'orders.read', page: lazy(() => import('../modules/work-orders/OrdersPage')) },
  { path: 'orders/:id', ability: 'orders.read', page: lazy(() => import('../modules/work-orders/OrderDetailPage')) },
  { path: 'assessment', ability: 'assessment.read', page: lazy(() => import('../modules/assessment/RankingPage')) },
  {
    path: 'assessment/appeals',
    ability: 'assessment.read',
    page: lazy(() => import('../modules/assessment/AppealsPage')),
  },
  {
    path: 'assessment/callbacks',
    ability: 'callbacks.manage',
    page: lazy(() => import('../modules/assessment/CallbacksPage')),
  },
  // ── catalogue ──
  { path: 'catalogue', ability: 'catalogue.read', page: lazy(() => import('../modules/catalogue/CataloguePage')) },
  // ── patrols ──
  { path: 'patrols', ability: 'patrols.read', page: lazy(() => import('../modules/patrols/PatrolsPage')) },
  // ── whistles ──
  { path: 'whistles', ability: 'whistles.read', page: lazy(() => import('../modules/whistles/WhistlesPage')) },
  {
    path: 'orders-metrics',
    ability: 'metrics.read',
    page: lazy(() => import('../modules/work-orders/OrderMetricsPage')),
  },
  { path: 'meetings', ability: 'meetings.read', page: lazy(() => import('../modules/work-orders/MeetingsPage')) },
  {
    path: 'meetings/:id',
    ability: 'meetings.read',
    page: lazy(() => import('../modules/work-orders/MeetingDetailPage')),
  },
  { path: 'minor', ability: 'minor.read', page: lazy(() => import('../modules/minor-protection/MinorPage')) },
  { path: 'minor/:id', ability: 'minor.read', page: lazy(() => import('../modules/minor-protection/ChildFilePage')) },
  {
    path: 'minor-referrals',
    ability: 'minor.referral.respond',
    page: lazy(() => import('../modules/minor-protection/ReferralInboxPage')),
  },
  { path: 'purchase', ability: 'purchase.read', page: lazy(() => import('../modules/service-purchase/PurchasePage')) },
  {
    path: 'purchase/rounds/:id',
    ability: 'purchase.read',
    page: lazy(() => import('../modules/service-purchase/RoundPage')),
  },
  {
    path: 'purchase/proposals/:id',
    ability: 'purchase.read',
    page: lazy(() => import('../modules/service-purchase/ProposalPage')),
  },
  {
    path: 'purchase/contracts/:id',
    ability: 'purchase.read',
    page: lazy(() => import('../modules/service-purchase/ContractPage')),
  },
  { path: 'volunteers', ability: 'volunteers.read', page: lazy(() => import('../modules/volunteers/VolunteersPage')) },
  {
    path: 'my-volunteering',
    ability: 'volunteers.participate',
    page: lazy(() => import('../modules/volunteers/MyVolunteeringPage')),
  },
  {
    path: 'volunteer/scan',
    ability: 'volunteers.participate',
    page: lazy(() => import('../modules/volunteers/ScanPage')),
  },
  { path: 'canteens', ability: 'canteens.manage', page: lazy(() => import('../modules/canteens/CanteensPage')) },
  { path: 'living-circle', ability: 'stations.read', page: lazy(() => import('../modules/stations/LivingCirclePage')) },
  {
    path: 'rider-meetings',
    ability: 'stations.manage',
    page: lazy(() => import('../modules/stations/RiderMeetingsPage')),
  },
  { path: 'users', ability: 'users.manage', page: lazy(() => import('../modules/users/UsersPage')) },
  { path: 'users/:id', ability: 'users.manage', page: lazy(() => import('../modules/users/UsersPage')) },
  { path: 'notifications', page: lazy(() => import('../modules/notifications/NotificationsPage')) },
  { path: 'notifications/settings', page: lazy(() => import('../modules/notifications/PreferencesPage')) },
  {
    path: 'notifications/dead-letters',
    ability: 'notifications.admin',
    page: lazy(() => import('../modules/notifications/DeadLettersPage')),
  },
  { path: 'api-keys', page: lazy(() => import('../modules/users/MyApiKeysPage')) },
  // ── party ──
  { path: 'party/members', ability: 'party.read', page: lazy(() => import('../modules/party/PartyMembersPage')) },
  // ── topics ──
  {
    path: 'assessment/topics',
    ability: 'topics.read',
    page: lazy(() => import('../modules/assessment/TopicsPage')),
  }, // ── assessment settings ──
  {
    path: 'assessment/settings',
    ability: 'assessment.configure',
    page: lazy(() => import('../modules/assessment/SettingsPage')),
  },
  // ── consultations ──
  {
    path: 'consultations',
    ability: 'consultations.read',
    page: lazy(() => import('../modules/consultations/ConsultationsPage')),
  },
  // ── party-life ──
  { path: 'party/life', ability: 'party.life.read', page: lazy(() => import('../modules/party-life/PartyLifePage')) },
  {
    path: 'my/party-life',
    ability: 'party.life.attend',
    page: lazy(() => import('../modules/party-life/MyPartyLifePage')),
  },
  { path: 'party/scan', ability: 'party.life.attend', page: lazy(() => import('../modules/party-life/PartyScanPage')) },
  // ── visits ──
  { path: 'party/visits', ability: 'visits.read', page: lazy(() => import('../modules/visits/VisitsPage')) },
  // ── evaluation ──
  {
    path: 'property/evaluations',
    ability: 'property.read',
    page: lazy(() => import('../modules/property/EvaluationsPage')),
  },
];

export function Page({ route }: { route: PageRoute }) {
  const Component = route.page;
  const page = (
    <Suspense fallback={<PageLoading />}>
      <Component />
    </Suspense>
  );
  return route.ability ? <RequireAbility ability={route.ability}>{page}</RequireAbility> : page;
}
