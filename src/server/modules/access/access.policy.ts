import { accessErrors as E, personRequired } from './access.errors.js';

/**
 * The one declarative permission model. A role grants named abilities (which routes it may call: every
 * route declares `config: { permission }`); which records an ability reaches is decided per record kind
 * in access.records.ts, starting from the actor's scope: the materialised path of its bound org unit.
 */
import { ABILITIES, ROLES, type Ability, type Role } from '../../../shared/access.js';

export { ABILITIES, ROLES, type Ability, type Role };

const STAFF_READ: Ability[] = [
  'org.read',
  'party.read',
  'dashboard.read',
  'stations.read',
  'orders.read',
  'orders.create',
  'metrics.read',
  'property.read',
  'meetings.read',
];
/** Staff who run volunteer work in compounds: organise activities, confirm hours, keep the love supermarket. */
const VOLUNTEER_STAFF: Ability[] = ['volunteers.read', 'volunteers.manage', 'points.redeem'];

export const ROLE_ABILITIES: Record<Role, readonly Ability[]> = {
  district_admin: [
    ...STAFF_READ,
    'org.write',
    'people.read',
    'people.write',
    'people.identity.reveal',
    'import.run',
    'audit.read',
    'orders.dispatch',
    'orders.supervise',
    'orders.import',
    'orders.configure',
    'users.manage',
    'minor.read',
    'purchase.read',
    'purchase.manage',
    'purchase.contract',
    ...VOLUNTEER_STAFF,
    'volunteers.configure',
    'stations.manage',
    'canteens.manage',
    'canteens.configure',
    'notifications.admin',
    'assessment.read',
    'assessment.configure',
    'appeals.review',
    'callbacks.manage',
    'party.manage',
    'property.manage',
    // ── topics ──
    'topics.read',
    'topics.manage',
  ],
  street_staff: [
    ...STAFF_READ,
    'org.write',
    'people.read',
    'import.run',
    'orders.dispatch',
    'orders.supervise',
    'orders.import',
    'users.manage',
    'minor.read',
    'purchase.read',
    'purchase.needs',
    'purchase.contract',
    ...VOLUNTEER_STAFF,
    'stations.manage',
    'canteens.manage',
    'assessment.read',
    'appeals.file',
    'appeals.review',
    'callbacks.manage',
    'party.manage',
    'property.manage',
    // ── topics ──
    'topics.read',
  ],
  // Community workers register residents, so they may reveal a full ID number — masked by default, every reveal audited.
  community_worker: [
    ...STAFF_READ,
    'org.write',
    'people.read',
    'people.write',
    'people.identity.reveal',
    'import.run',
    'orders.accept',
    'orders.dispatch',
    'orders.fulfil',
    'orders.confirm',
    'meetings.manage',
    'minor.read',
    'purchase.read',
    'purchase.needs',
    'purchase.object',
    ...VOLUNTEER_STAFF,
    'stations.manage',
    'canteens.manage',
    'assessment.read',
    'appeals.file',
    'party.manage',
    'property.manage',
    // ── topics ──
    'topics.read',
    // ── property ──
    'property.review',
  ],
  grid_worker: [...STAFF_READ, 'people.read', 'orders.accept', 'orders.fulfil', 'meetings.manage', ...VOLUNTEER_STAFF],
  branch_secretary: [
    ...STAFF_READ,
    'people.read',
    'orders.accept',
    'meetings.manage',
    ...VOLUNTEER_STAFF,
    // ── property ──
    'property.review',
  ],
  // Departments and organisations work on orders and projects, not on the residents' registry.
  // A department follows the service hours of its own in-service party members (双报到).
  department_staff: [
    'org.read',
    'stations.read',
    'orders.read',
    'orders.fulfil',
    'minor.referral.respond',
    'volunteers.read',
    'assessment.read',
    'appeals.file',
  ],
  social_worker: [
    'org.read',
    'stations.read',
    'people.read',
    'minor.read',
    'minor.casework',
    'minor.referral.respond',
    'volunteers.read',
  ],
  social_org: [
    'org.read',
    'stations.read',
    'minor.referral.respond',
    'purchase.read',
    'purchase.propose',
    'purchase.object',
    'purchase.deliver',
  ],
  // Volunteers, reported party members and riders act through their own resident account.
  resident: [
    'stations.read',
    'orders.read',
    'orders.create',
    'orders.confirm',
    'purchase.object',
    'volunteers.participate',
    'canteens.dine',
  ],
  // Minor protection (市级—街道—社区—社工). Who sees a child's identity is decided per case in minor-protection.access.ts.
  minor_station_head: [
    'org.read',
    'stations.read',
    'people.read',
    'minor.read',
    'minor.casework',
    'minor.approve',
    'minor.referral.respond',
  ],
  // The centre opens and manages the minor-protection accounts (access/accounts.access.ts decides which).
  minor_centre: ['org.read', 'stations.read', 'minor.read', 'minor.approve', 'minor.configure', 'users.manage'],
  // The recruiting agent (项目招募方) runs the call for the district; jurors only score.
  purchase_agent: ['org.read', 'purchase.read', 'purchase.manage'],
  juror: ['purchase.read', 'purchase.score'],
  // A property company works the legs dispatched to it and sees its own contracts and compounds — not the registry.
  property_company: ['orders.read', 'orders.fulfil', 'property.read', 'property.publish'],
};
// ── consult ── who reads, organises and answers consultations (征求民意 / 议事协商)
const CONSULT_ABILITIES: Partial<Record<Role, readonly Ability[]>> = {
  district_admin: ['consultations.read', 'consultations.manage'],
  street_staff: ['consultations.read', 'consultations.manage'],
  community_worker: ['consultations.read', 'consultations.manage'],
  grid_worker: ['consultations.read'],
  branch_secretary: ['consultations.read', 'consultations.manage'],
  resident: ['consultations.read', 'consultations.answer'],
};
for (const [role, extra] of Object.entries(CONSULT_ABILITIES) as [Role, readonly Ability[]][])
  ROLE_ABILITIES[role] = [...ROLE_ABILITIES[role], ...extra];
// ── proposals ── 居民提议: residents raise and second them; the compound's staff and those above follow them
for (const role of ['district_admin', 'street_staff', 'community_worker', 'grid_worker', 'branch_secretary'] as const)
  (ROLE_ABILITIES[role] as Ability[]).push('proposals.read');
(ROLE_ABILITIES.resident as Ability[]).push('proposals.read', 'proposals.raise');
// ── catalogue ── 派单目录: the district configures it; street, community and department staff read it.
for (const role of ['district_admin', 'street_staff', 'community_worker', 'department_staff'] as const)
  (ROLE_ABILITIES[role] as Ability[]).push('catalogue.read');
(ROLE_ABILITIES.district_admin as Ability[]).push('catalogue.configure');
// ── 六大工程 ── the district (区委组织部) opens a year's programmes and sets their targets
(ROLE_ABILITIES.district_admin as Ability[]).push('party.plan');
// ── party-life ── 组织生活: the branch's secretary runs it; community, street and district staff in scope run and
// review it; the district configures it; a party member attends with their own resident account.
const PARTY_LIFE_ABILITIES: Partial<Record<Role, readonly Ability[]>> = {
  district_admin: ['party.life.read', 'party.life.manage', 'party.life.review', 'party.life.configure'],
  street_staff: ['party.life.read', 'party.life.manage', 'party.life.review'],
  community_worker: ['party.life.read', 'party.life.manage', 'party.life.review'],
  branch_secretary: ['party.life.read', 'party.life.manage'],
  resident: ['party.life.attend'],
};
for (const [role, extra] of Object.entries(PARTY_LIFE_ABILITIES) as [Role, readonly Ability[]][])
  ROLE_ABILITIES[role] = [...ROLE_ABILITIES[role], ...extra];
// ── visits ── 走访慰问: the district, street and community staff and the compound's party branch.
for (const role of ['district_admin', 'street_staff', 'community_worker', 'branch_secretary'] as const)
  (ROLE_ABILITIES[role] as Ability[]).push('visits.read', 'visits.manage');
// ── patrols ── 网格巡查: the grid worker records his own; community, street and district read them in scope.
for (const role of ['district_admin', 'street_staff', 'community_worker', 'grid_worker'] as const)
  (ROLE_ABILITIES[role] as Ability[]).push('patrols.read');
(ROLE_ABILITIES.grid_worker as Ability[]).push('patrols.record');
// ── whistles ── 吹哨报到: streets and communities blow, departments check in, the district follows all of it.
for (const role of ['district_admin', 'street_staff', 'community_worker', 'department_staff'] as const)
  (ROLE_ABILITIES[role] as Ability[]).push('whistles.read');
for (const role of ['street_staff', 'community_worker'] as const)
  (ROLE_ABILITIES[role] as Ability[]).push('whistles.blow');
(ROLE_ABILITIES.department_staff as Ability[]).push('whistles.checkin');
// ── evaluation ── 物业服务评价: the district and streets set the items; the branch and the community evaluate
for (const role of ['district_admin', 'street_staff'] as const)
  (ROLE_ABILITIES[role] as Ability[]).push('property.evaluation.configure');
for (const role of ['branch_secretary', 'community_worker'] as const)
  (ROLE_ABILITIES[role] as Ability[]).push('property.evaluate');

export interface Actor {
  userId: string;
  displayName: string;
  districtId: string;
  role: Role;
  orgUnitId: string;
  /** Materialised path of the bound org unit; the actor reaches exactly this subtree. */
  scopePath: string;
  personId: string | null;
  workUnitId: string | null;
  abilities: ReadonlySet<Ability>;
}

export function abilitiesOf(role: Role): ReadonlySet<Ability> {
  return new Set(ROLE_ABILITIES[role]);
}

export function can(actor: Actor, ability: Ability): boolean {
  return actor.abilities.has(ability);
}

/** The person behind a resident account; volunteering, tasks and points need one. */
export function personOf(actor: Actor): string {
  if (!actor.personId) throw personRequired();
  return actor.personId;
}

export function assertCan(actor: Actor, ability: Ability): void {
  if (!can(actor, ability)) {
    throw E.PERMISSION_DENIED({ ability: ABILITY_LABELS[ability], abilityCode: ability });
  }
}

export const ABILITY_LABELS: Record<Ability, string> = {
  'org.read': '查看组织架构',
  'org.write': '维护小区和楼栋',
  'party.read': '查看党组织',
  'people.read': '查看人口信息',
  'people.write': '维护人口信息',
  'people.identity.reveal': '查看完整证件号',
  'dashboard.read': '查看统计看板',
  'import.run': '导入台账',
  'audit.read': '查看审计日志',
  'stations.read': '查看服务阵地',
  'orders.read': '查看工单',
  'orders.create': '登记诉求',
  'orders.accept': '接单',
  'orders.dispatch': '派单',
  'orders.fulfil': '兑单',
  'orders.confirm': '评价确认',
  'orders.supervise': '督办',
  'orders.import': '导入 12345 工单',
  'meetings.read': '查看联席会议',
  'meetings.manage': '组织联席会议',
  'metrics.read': '查看工单统计',
  'orders.configure': '配置诉求分类与时限',
  'users.manage': '管理账号',
  'minor.read': '查看未成年人保护统计与档案',
  'minor.casework': '办理未成年人保护个案',
  'minor.approve': '审批未成年人保护个案',
  'minor.configure': '配置困境类型与探访周期',
  'minor.referral.respond': '接收未成年人保护转介',
  'purchase.read': '查看政府购买服务',
  'purchase.needs': '登记居民需求',
  'purchase.manage': '组织项目招募与评审',
  'purchase.propose': '申报服务项目',
  'purchase.score': '项目评审打分',
  'purchase.object': '公示期提出异议',
  'purchase.contract': '签订与管理服务合同',
  'purchase.deliver': '记录项目实施',
  'volunteers.read': '查看志愿服务与双报到',
  'volunteers.manage': '组织志愿活动、确认服务时长',
  'volunteers.participate': '报名志愿活动、认领任务',
  'volunteers.configure': '配置报到服务考核规则',
  'points.redeem': '爱心超市积分兑换',
  'stations.manage': '管理服务阵地',
  'canteens.manage': '管理幸福餐厅',
  'canteens.configure': '配置餐厅补贴规则',
  'canteens.dine': '查看幸福餐厅菜单与本人补贴',
  'notifications.admin': '处理消息投递失败任务',
  'assessment.read': '查看月度考核',
  'assessment.configure': '配置考核权重与规则',
  'appeals.file': '提出考核申诉',
  'appeals.review': '审核考核申诉',
  'callbacks.manage': '工单回访',
  'party.manage': '管理党组织与党员',
  'property.read': '查看物业企业与服务合同',
  'property.manage': '登记物业企业、签订与更换服务合同',
  // ── consult ──
  'consultations.read': '查看征求意见与表决',
  'consultations.manage': '发起征求意见与表决',
  'consultations.answer': '填写问卷、参与表决',
  'proposals.read': '查看居民提议',
  'proposals.raise': '提出居民提议与附议',
  // ── topics ──
  'topics.read': '查看每月一题与治理课题',
  'topics.manage': '确定治理课题、试点与措施',
  // ── property ──
  'property.publish': '录入物业公示',
  'property.review': '审核物业公示',
  // ── catalogue ──
  'catalogue.read': '查看派单目录',
  'catalogue.configure': '调整派单目录',
  // ── party-life ──
  'party.plan': '建立年度六大工程、调整目标',
  'party.life.read': '查看组织生活',
  'party.life.manage': '安排组织生活、登记出勤',
  'party.life.review': '审核制度落实、考核评议',
  'party.life.configure': '配置组织生活频次与考核项目',
  'party.life.attend': '参加组织生活（扫码签到）',
  // ── visits ──
  'visits.read': '查看走访慰问台账',
  'visits.manage': '登记走访慰问',
  // ── patrols ──
  'patrols.read': '查看网格巡查与巡查台账',
  'patrols.record': '记录网格巡查',
  // ── whistles ──
  'whistles.read': '查看吹哨报到',
  'whistles.blow': '吹哨、结束并评价部门响应',
  'whistles.checkin': '部门报到、记录现场处置',
  // ── evaluation ──
  'property.evaluation.configure': '设定物业服务评价项目与权重',
  'property.evaluate': '发起物业服务评价、评分与公布',
};
