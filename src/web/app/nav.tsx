import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  CommentOutlined,
  FundOutlined,
  CoffeeOutlined,
  EnvironmentOutlined,
  HeartOutlined,
  SwapOutlined,
  BankOutlined,
  BarChartOutlined,
  FlagOutlined,
  HomeOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
  SettingOutlined,
  IdcardOutlined,
  PhoneOutlined,
  TrophyOutlined,
  // ── topics ──
  BulbOutlined,
  // ── consultations ──
  FormOutlined,
  // ── whistles ──
  BellOutlined,
} from '@ant-design/icons';
import type { Ability } from '../lib/types';

export interface NavLeaf {
  path: string;
  labelKey:
    | 'menu.partyOrgs'
    | 'menu.partyAdmin'
    | 'menu.partyProgrammes'
    | 'menu.coverage'
    | 'menu.people'
    | 'menu.org'
    | 'menu.committees'
    | 'menu.stations'
    | 'menu.orders'
    | 'menu.orderMetrics'
    | 'menu.meetings'
    | 'menu.minor'
    | 'menu.minorReferrals'
    | 'menu.purchase'
    | 'menu.volunteers'
    | 'menu.myVolunteering'
    | 'menu.canteens'
    | 'menu.livingCircle'
    | 'menu.riderMeetings'
    | 'menu.users'
    | 'menu.assessmentRanking'
    | 'menu.assessmentAppeals'
    | 'menu.assessmentCallbacks'
    | 'menu.propertyCompanies'
    | 'evaluation.menu'
    // ── party ──
    | 'menu.partyMembers'
    // ── topics ──
    | 'menu.assessmentTopics'
    // ── catalogue ──
    | 'catalogue.title'
    // ── assessment settings ──
    | 'assessmentSettings.menu'
    // ── consultations ──
    | 'consult.title'
    // ── party-life ──
    | 'menu.partyLife'
    | 'menu.myPartyLife'
    // ── visits ──
    | 'visits.menu'
    // ── patrols ──
    | 'patrols.title'
    // ── whistles ──
    | 'whistles.title';
  ability: Ability;
  icon: ReactNode;
}

export interface NavGroup {
  key: string;
  labelKey:
    | 'menu.party'
    | 'menu.government'
    | 'menu.property'
    | 'menu.selfGov'
    | 'menu.services'
    | 'menu.system'
    | 'menu.assessment';
  icon: ReactNode;
  items: NavLeaf[];
}

/** The five service modules; an entry shows only if the user's abilities allow it. */
export const NAV: NavGroup[] = [
  {
    key: 'party',
    labelKey: 'menu.party',
    icon: <FlagOutlined />,
    items: [
      { path: '/party', labelKey: 'menu.partyOrgs', ability: 'party.read', icon: <ApartmentOutlined /> },
      { path: '/party/admin', labelKey: 'menu.partyAdmin', ability: 'party.manage', icon: <BarChartOutlined /> },
      { path: '/party/programmes', labelKey: 'menu.partyProgrammes', ability: 'party.read', icon: <FlagOutlined /> },
      { path: '/dashboard', labelKey: 'menu.coverage', ability: 'dashboard.read', icon: <BarChartOutlined /> },
      // ── party ──
      { path: '/party/members', labelKey: 'menu.partyMembers', ability: 'party.read', icon: <ApartmentOutlined /> },
      // ── party-life ──
      { path: '/party/life', labelKey: 'menu.partyLife', ability: 'party.life.read', icon: <TeamOutlined /> },
      { path: '/my/party-life', labelKey: 'menu.myPartyLife', ability: 'party.life.attend', icon: <FlagOutlined /> },
      // ── visits ──
      { path: '/party/visits', labelKey: 'visits.menu', ability: 'visits.read', icon: <HeartOutlined /> },
    ],
  },
  {
    key: 'government',
    labelKey: 'menu.government',
    icon: <BankOutlined />,
    items: [
      { path: '/orders', labelKey: 'menu.orders', ability: 'orders.read', icon: <AuditOutlined /> },
      { path: '/orders-metrics', labelKey: 'menu.orderMetrics', ability: 'metrics.read', icon: <FundOutlined /> },
      { path: '/minor', labelKey: 'menu.minor', ability: 'minor.read', icon: <HeartOutlined /> },
      {
        path: '/minor-referrals',
        labelKey: 'menu.minorReferrals',
        ability: 'minor.referral.respond',
        icon: <SwapOutlined />,
      },
      { path: '/people', labelKey: 'menu.people', ability: 'people.read', icon: <UserOutlined /> },
      { path: '/purchase', labelKey: 'menu.purchase', ability: 'purchase.read', icon: <SolutionOutlined /> },
      // ── whistles ──
      { path: '/whistles', labelKey: 'whistles.title', ability: 'whistles.read', icon: <BellOutlined /> },
    ],
  },
  {
    key: 'assessment',
    labelKey: 'menu.assessment',
    icon: <TrophyOutlined />,
    items: [
      { path: '/assessment', labelKey: 'menu.assessmentRanking', ability: 'assessment.read', icon: <TrophyOutlined /> },
      {
        path: '/assessment/appeals',
        labelKey: 'menu.assessmentAppeals',
        ability: 'assessment.read',
        icon: <AuditOutlined />,
      },
      {
        path: '/assessment/callbacks',
        labelKey: 'menu.assessmentCallbacks',
        ability: 'callbacks.manage',
        icon: <PhoneOutlined />,
      },
      // ── topics ──
      { path: '/assessment/topics', labelKey: 'menu.assessmentTopics', ability: 'topics.read', icon: <BulbOutlined /> },
      // ── catalogue ──
      { path: '/catalogue', labelKey: 'catalogue.title', ability: 'catalogue.read', icon: <AuditOutlined /> },
      // ── assessment settings ──
      {
        path: '/assessment/settings',
        labelKey: 'assessmentSettings.menu',
        ability: 'assessment.configure',
        icon: <SettingOutlined />,
      },
      // ── patrols ──
      { path: '/patrols', labelKey: 'patrols.title', ability: 'patrols.read', icon: <AuditOutlined /> },
    ],
  },
  {
    key: 'property',
    labelKey: 'menu.property',
    icon: <HomeOutlined />,
    items: [
      { path: '/org', labelKey: 'menu.org', ability: 'org.read', icon: <ApartmentOutlined /> },
      { path: '/property', labelKey: 'menu.propertyCompanies', ability: 'property.read', icon: <HomeOutlined /> },
      // ── evaluation ──
      { path: '/property/evaluations', labelKey: 'evaluation.menu', ability: 'property.read', icon: <HomeOutlined /> },
    ],
  },
  {
    key: 'self',
    labelKey: 'menu.selfGov',
    icon: <TeamOutlined />,
    items: [
      { path: '/committees', labelKey: 'menu.committees', ability: 'org.read', icon: <TeamOutlined /> },
      { path: '/meetings', labelKey: 'menu.meetings', ability: 'meetings.read', icon: <CommentOutlined /> },
      // ── consultations ──
      { path: '/consultations', labelKey: 'consult.title', ability: 'consultations.manage', icon: <FormOutlined /> },
    ],
  },
  {
    key: 'services',
    labelKey: 'menu.services',
    icon: <ShopOutlined />,
    items: [
      { path: '/stations', labelKey: 'menu.stations', ability: 'stations.read', icon: <ShopOutlined /> },
      { path: '/volunteers', labelKey: 'menu.volunteers', ability: 'volunteers.read', icon: <HeartOutlined /> },
      {
        path: '/my-volunteering',
        labelKey: 'menu.myVolunteering',
        ability: 'volunteers.participate',
        icon: <HeartOutlined />,
      },
      { path: '/canteens', labelKey: 'menu.canteens', ability: 'canteens.manage', icon: <CoffeeOutlined /> },
      {
        path: '/living-circle',
        labelKey: 'menu.livingCircle',
        ability: 'stations.read',
        icon: <EnvironmentOutlined />,
      },
      {
        path: '/rider-meetings',
        labelKey: 'menu.riderMeetings',
        ability: 'stations.manage',
        icon: <CommentOutlined />,
      },
    ],
  },
  {
    key: 'system',
    labelKey: 'menu.system',
    icon: <SettingOutlined />,
    items: [{ path: '/users', labelKey: 'menu.users', ability: 'users.manage', icon: <IdcardOutlined /> }],
  },
];

export function visibleNav(abilities: readonly string[]): NavGroup[] {
  return NAV.map((g) => ({ ...g, items: g.items.filter((i) => abilities.includes(i.ability)) })).filter(
    (g) => g.items.length > 0,
  );
}

export function firstAllowedPath(abilities: readonly string[]): string | null {
  return visibleNav(abilities)[0]?.items[0]?.path ?? null;
}
