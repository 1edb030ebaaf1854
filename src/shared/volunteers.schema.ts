/**
 * The volunteers API (志愿服务, 双报到, 积分): requests and responses, read by the server's routes and —
 * as types only — by the web.
 */
import { z } from 'zod';
import { YearHoursDto } from './volunteers-year.schema.js';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  ASSESSMENT_ITEM_KEYS,
  GRADES,
  LEDGER_KINDS,
  PRESENCE_CODE_PATTERN,
  PRESENCE_VIAS,
  QR_PHASES,
  RECORD_STATUSES,
  REPORT_KINDS,
  SERVICE_SOURCES,
  SIGNUP_STATUSES,
  SUMMARY_GROUPINGS,
  TASK_KINDS,
  TASK_STATUSES,
  TEAM_KINDS,
} from './volunteers.constants.js';

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
  status: z.enum(ACTIVITY_STATUSES),
  signups: z.number().int(),
  mySignup: z.enum(SIGNUP_STATUSES).nullable(),
});
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
  status: z.enum(ACTIVITY_STATUSES).optional(),
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
  phase: z.enum(QR_PHASES),
  token: z.string(),
  url: z.string(),
  svg: z.string(),
  expiresAt: z.string(),
});
export const CheckinBody = z.object({ token: z.string().min(10).max(600) });
export const CheckinDto = z.object({
  activityId: z.string(),
  activityTitle: z.string(),
  phase: z.enum(QR_PHASES),
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
  status: z.enum(RECORD_STATUSES),
  points: z.number().int().nullable(),
});
export const ListRecordsQuery = z.object({
  status: z.enum(RECORD_STATUSES).optional(),
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
  kind: z.enum(LEDGER_KINDS),
  sourceType: z.string(),
  note: z.string().nullable(),
  stationName: z.string().nullable(),
  createdAt: z.string(),
});
export const LedgerQuery = z.object({
  personId: id.optional(),
  kind: z.enum(LEDGER_KINDS).optional(),
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
  presenceCode: z.string().trim().regex(PRESENCE_CODE_PATTERN, '到场码为 6 位数字').optional(),
  cardNumber: z
    .string()
    .trim()
    .regex(/^[\d\s-]{12,20}$/, '积分卡号为 12 位数字')
    .optional(),
};
export const RedeemBody = z.object({ itemId: id, quantity: z.number().int().min(1).max(50).default(1), ...presence });
export const CounterLookupBody = z.object({ stationId: id, ...presence });
export const CounterAccountDto = AccountDto.extend({
  via: z.enum(PRESENCE_VIAS),
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
  thisYear: YearHoursDto,
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
  grade: z.enum(GRADES),
});
export const MembersQuery = z.object({
  month: month.optional(),
  orgUnitId: id.optional(),
  kind: z.enum(REPORT_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
});
export const SummaryQuery = z.object({
  month: month.optional(),
  by: z.enum(SUMMARY_GROUPINGS).default('compound'),
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
  key: z.enum(ASSESSMENT_ITEM_KEYS),
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

export const AssessmentGradesDto = AssessmentConfigDto.shape.grades;
export const TeamListDto = z.object({ items: z.array(TeamDto), total: z.number().int() });
export const ActivityListDto = z.object({ items: z.array(ActivityDto) });
export const QrListDto = z.object({ items: z.array(QrDto) });
export const RecordListDto = z.object({ items: z.array(ServiceRecordDto) });
export const LedgerListDto = z.object({ items: z.array(LedgerEntryDto) });
export const ItemListDto = z.object({ items: z.array(ItemDto) });
export const TaskListDto = z.object({ items: z.array(TaskDto) });
export const MemberListDto = z.object({ month: z.string(), items: z.array(MemberRowDto) });
export const ItemsQuery = z.object({ stationId: z.string().max(60).optional() });
export const AssessmentConfigQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

// ── the types both sides use (named as the web's pages know them) ──
export type TeamKind = (typeof TEAM_KINDS)[number];
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export type RecordSource = (typeof SERVICE_SOURCES)[number];
export type RecordStatus = (typeof RECORD_STATUSES)[number];
export type ReportKind = (typeof REPORT_KINDS)[number];
export type TaskKind = (typeof TASK_KINDS)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export type Grade = (typeof GRADES)[number];
export type SummaryBy = (typeof SUMMARY_GROUPINGS)[number];
export type AssessmentItemKey = (typeof ASSESSMENT_ITEM_KEYS)[number];
export type Team = z.infer<typeof TeamDto>;
export type Activity = z.infer<typeof ActivityDto>;
export type Signup = z.infer<typeof SignupDto>;
export type ActivityDetail = z.infer<typeof ActivityDetailDto>;
export type Qr = z.infer<typeof QrDto>;
export type CheckinResult = z.infer<typeof CheckinDto>;
export type ServiceRecord = z.infer<typeof ServiceRecordDto>;
export type LedgerEntry = z.infer<typeof LedgerEntryDto>;
export type Account = z.infer<typeof AccountDto>;
export type Item = z.infer<typeof ItemDto>;
export type CounterAccount = z.infer<typeof CounterAccountDto>;
export type PresenceCode = z.infer<typeof PresenceCodeDto>;
export type Card = z.infer<typeof CardDto>;
export type Redemption = z.infer<typeof RedemptionDto>;
export type MyVolunteering = z.infer<typeof MyVolunteeringDto>;
export type MemberRow = z.infer<typeof MemberRowDto>;
export type Summary = z.infer<typeof SummaryDto>;
export type AssessmentItem = z.infer<typeof AssessmentItemDto>;
export type AssessmentGrades = z.infer<typeof AssessmentGradesDto>;
export type AssessmentConfig = z.infer<typeof AssessmentConfigDto>;
export type Task = z.infer<typeof TaskDto>;
export type ClaimableOrder = z.infer<typeof ClaimableOrderDto>;
export type MyTasks = z.infer<typeof MyTasksDto>;
export type ListTeamsInput = z.infer<typeof ListTeamsQuery>;
export type CreateTeamInput = z.infer<typeof CreateTeamBody>;
export type ListActivitiesInput = z.infer<typeof ListActivitiesQuery>;
export type CreateActivityInput = z.infer<typeof CreateActivityBody>;
export type ListRecordsInput = z.infer<typeof ListRecordsQuery>;
export type LedgerInput = z.infer<typeof LedgerQuery>;
export type CreateItemInput = z.infer<typeof CreateItemBody>;
export type RedeemInput = z.infer<typeof RedeemBody>;
export type CounterLookupInput = z.infer<typeof CounterLookupBody>;
export type ReportInput = z.infer<typeof ReportBody>;
export type MembersInput = z.infer<typeof MembersQuery>;
export type SummaryInput = z.infer<typeof SummaryQuery>;
export type AssessmentConfigInput = z.infer<typeof AssessmentConfigBody>;
export type TasksInput = z.infer<typeof TasksQuery>;
export type CreateTaskInput = z.infer<typeof CreateTaskBody>;
