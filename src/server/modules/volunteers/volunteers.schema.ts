import { z } from 'zod';
import {
  ACTIVITY_KINDS,
  REPORT_KINDS,
  SERVICE_SOURCES,
  SIGNUP_STATUSES,
  TASK_KINDS,
  TASK_STATUSES,
  TEAM_KINDS,
} from './volunteers.tables.js';

const id = z.string().min(1).max(60);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const TeamDto = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(TEAM_KINDS),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  memberCount: z.number().int(),
});
export const ListTeamsQuery = z.object({
  orgUnitId: id.optional(),
  q: z.string().trim().max(40).default(''),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const CreateTeamBody = z.object({
  name: z.string().trim().min(2, '队伍名称至少 2 个字').max(60),
  kind: z.enum(TEAM_KINDS),
  orgUnitId: id,
});
export const AddMemberBody = z.object({ personId: id });

export const ActivityDto = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  stationId: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  pointsPerHour: z.number().int(),
  status: z.enum(['open', 'finished', 'cancelled']),
  signups: z.number().int(),
  mySignup: z.enum(SIGNUP_STATUSES).nullable(),
});
export type Activity = z.infer<typeof ActivityDto>;
export const SignupDto = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  status: z.enum(SIGNUP_STATUSES),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  hours: z.number().nullable(),
  serviceRecordId: z.string().nullable(),
});
export const ActivityDetailDto = z.object({ activity: ActivityDto, signups: z.array(SignupDto) });
export const ListActivitiesQuery = z.object({
  orgUnitId: id.optional(),
  status: z.enum(['open', 'finished', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const CreateActivityBody = z.object({
  title: z.string().trim().min(2, '活动名称至少 2 个字').max(80),
  kind: z.enum(ACTIVITY_KINDS),
  orgUnitId: id,
  teamId: id.optional(),
  stationId: id.optional(),
  startsAt: z.iso.datetime({ offset: true, message: '开始时间格式不正确' }),
  endsAt: z.iso.datetime({ offset: true, message: '结束时间格式不正确' }),
  capacity: z.number().int().min(1).max(1000).default(30),
  pointsPerHour: z.number().int().min(0).max(100).default(10),
});
export const QrDto = z.object({
  phase: z.enum(['in', 'out']),
  token: z.string(),
  url: z.string(),
  svg: z.string(),
  expiresAt: z.string(),
});
export const CheckinBody = z.object({ token: z.string().min(10).max(600) });
export const CheckinDto = z.object({
  activityId: z.string(),
  activityTitle: z.string(),
  phase: z.enum(['in', 'out']),
  status: z.enum(SIGNUP_STATUSES),
  hours: z.number().nullable(),
});

export const ServiceRecordDto = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  orgUnitName: z.string(),
  source: z.enum(SERVICE_SOURCES),
  title: z.string(),
  servedOn: z.string(),
  hours: z.number(),
  status: z.enum(['pending', 'confirmed', 'rejected']),
  points: z.number().int().nullable(),
});
export const ListRecordsQuery = z.object({
  status: z.enum(['pending', 'confirmed', 'rejected']).optional(),
  month: month.optional(),
  orgUnitId: id.optional(),
  personId: id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ConfirmRecordBody = z.object({
  approve: z.boolean(),
  hours: z
    .number()
    .min(0.5, '时长至少 0.5 小时')
    .max(24, '单次时长不能超过 24 小时')
    .multipleOf(0.25, '时长以 0.25 小时为单位')
    .optional(),
});

export const LedgerEntryDto = z.object({
  id: z.number(),
  personId: z.string(),
  personName: z.string(),
  delta: z.number().int(),
  balanceAfter: z.number().int(),
  kind: z.enum(['earn', 'redeem', 'adjust']),
  sourceType: z.string(),
  note: z.string().nullable(),
  stationName: z.string().nullable(),
  createdAt: z.string(),
});
export const LedgerQuery = z.object({
  personId: id.optional(),
  kind: z.enum(['earn', 'redeem', 'adjust']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const AccountDto = z.object({
  personId: z.string(),
  personName: z.string(),
  balance: z.number().int(),
  earnedTotal: z.number().int(),
  redeemedTotal: z.number().int(),
});
export const ItemDto = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  name: z.string(),
  pointsCost: z.number().int(),
  stock: z.number().int(),
});
export const CreateItemBody = z.object({
  stationId: id,
  name: z.string().trim().min(1, '请填写物品名称').max(40),
  pointsCost: z.number().int().min(1, '所需积分至少为 1').max(100000),
  stock: z.number().int().min(0).max(100000),
});
/**
 * The resident's presence at the counter: the 6-digit code from their own account (or its QR payload,
 * `linli-presence:<code>`), or their points card number. One of the two is required.
 */
const presence = {
  presenceCode: z
    .string()
    .trim()
    .regex(/^(linli-presence:)?\d{6}$/, '到场码为 6 位数字')
    .optional(),
  cardNumber: z
    .string()
    .trim()
    .regex(/^[\d\s-]{12,20}$/, '积分卡号为 12 位数字')
    .optional(),
};
export const RedeemBody = z.object({ itemId: id, quantity: z.number().int().min(1).max(50).default(1), ...presence });
export const CounterLookupBody = z.object({ stationId: id, ...presence });
export const CounterAccountDto = AccountDto.extend({
  via: z.enum(['code', 'card']),
  stationId: z.string(),
  stationName: z.string(),
});
export const PresenceCodeDto = z.object({
  code: z.string(),
  qrPayload: z.string(),
  svg: z.string(),
  expiresAt: z.string(),
  ttlSeconds: z.number().int(),
});
export const IssueCardBody = z.object({ personId: id });
export const CardDto = z.object({
  personId: z.string(),
  personName: z.string(),
  cardNumber: z.string(),
  last4: z.string(),
  issuedAt: z.string(),
});
export const RedemptionDto = z.object({
  ledgerId: z.number(),
  balance: z.number().int(),
  spent: z.number().int(),
  stock: z.number().int(),
});

export const MyVolunteeringDto = z.object({
  personId: z.string(),
  cardLast4: z.string().nullable(),
  balance: z.number().int(),
  earnedTotal: z.number().int(),
  hoursThisMonth: z.number(),
  report: z.object({ kind: z.enum(REPORT_KINDS), compoundId: z.string(), compoundName: z.string() }).nullable(),
  ledger: z.array(LedgerEntryDto),
  records: z.array(ServiceRecordDto),
});

// ── 双报到 ──
export const ReportBody = z.object({ personId: id, compoundId: id, kind: z.enum(REPORT_KINDS) });
export const MemberRowDto = z.object({
  personId: z.string(),
  name: z.string(),
  kind: z.enum(REPORT_KINDS),
  compoundId: z.string(),
  compoundName: z.string(),
  workUnitName: z.string().nullable(),
  hours: z.number(),
  tasksDone: z.number().int(),
  activities: z.number().int(),
  workOrders: z.number().int(),
  score: z.number(),
  grade: z.enum(['excellent', 'good', 'pass', 'fail']),
});
export const MembersQuery = z.object({
  month: month.optional(),
  orgUnitId: id.optional(),
  kind: z.enum(REPORT_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
});
export const SummaryQuery = z.object({
  month: month.optional(),
  by: z.enum(['compound', 'work_unit']).default('compound'),
  orgUnitId: id.optional(),
});
export const SummaryDto = z.object({
  month: z.string(),
  totals: z.object({
    partyMembers: z.number().int(),
    riders: z.number().int(),
    workUnits: z.number().int(),
    teams: z.number().int(),
    activitiesThisYear: z.number().int(),
    hours: z.number(),
    avgHoursPerPartyMember: z.number(),
  }),
  groups: z.array(
    z.object({ id: z.string(), name: z.string(), members: z.number().int(), hours: z.number(), avgHours: z.number() }),
  ),
  trend: z.array(z.object({ month: z.string(), avgHours: z.number(), members: z.number().int() })),
});
export const AssessmentItemDto = z.object({
  key: z.enum(['reported', 'monthly_hours', 'tasks_done', 'activities', 'work_orders']),
  label: z.string().trim().min(1).max(30),
  pointsPerUnit: z.number().min(0).max(100),
  max: z.number().min(0).max(100),
});
export const AssessmentConfigDto = z.object({
  year: z.number().int(),
  items: z.array(AssessmentItemDto),
  grades: z.object({ excellent: z.number(), good: z.number(), pass: z.number() }),
  version: z.number().int(),
});
export const AssessmentConfigBody = z.object({
  year: z.number().int().min(2000).max(2100),
  items: z.array(AssessmentItemDto).min(1, '至少设置一项考核指标').max(5),
  grades: z.object({
    excellent: z.number().min(0).max(100),
    good: z.number().min(0).max(100),
    pass: z.number().min(0).max(100),
  }),
  version: z.number().int().min(0),
});

export const TaskDto = z.object({
  id: z.string(),
  compoundId: z.string(),
  compoundName: z.string(),
  kind: z.enum(TASK_KINDS),
  title: z.string(),
  description: z.string(),
  workOrderId: z.string().nullable(),
  workOrderNo: z.string().nullable(),
  hoursEstimate: z.number().nullable(),
  status: z.enum(TASK_STATUSES),
  claimedBy: z.string().nullable(),
  claimedByName: z.string().nullable(),
  version: z.number().int(),
});
export const TasksQuery = z.object({
  compoundId: id.optional(),
  status: z.enum(TASK_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const CreateTaskBody = z.object({
  compoundId: id,
  kind: z.enum(['task', 'visit']),
  title: z.string().trim().min(2, '任务名称至少 2 个字').max(80),
  description: z.string().trim().max(1000).default(''),
  hoursEstimate: z.number().min(0.5).max(24).optional(),
});
export const CompleteTaskBody = z.object({
  hours: z.number().min(0.5, '时长至少 0.5 小时').max(24).multipleOf(0.25, '时长以 0.25 小时为单位'),
  note: z.string().trim().max(500).optional(),
});
export const ClaimOrderBody = z.object({ orderId: id });
export const ClaimableOrderDto = z.object({
  id: z.string(),
  no: z.string(),
  title: z.string(),
  compoundName: z.string(),
  status: z.string(),
  claimed: z.boolean(),
});
export const MyTasksDto = z.object({ tasks: z.array(TaskDto), orders: z.array(ClaimableOrderDto) });
