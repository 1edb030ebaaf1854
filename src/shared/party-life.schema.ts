import { z } from 'zod';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  ASSESSMENT_GRADES,
  ASSESSMENT_SUBJECTS,
  ATTENDANCE_STATUSES,
  FREQUENCIES,
  SYSTEM_CHECK_STATUSES,
} from './party-life.constants.js';
import { Attachment } from './attachments.schema.js';

/** Requests and replies of 组织生活 (branch life). The web imports these types with `import type` only. */
const Id = z.string().min(1).max(60);
const Version = z.number().int().min(1);
const Year = z.coerce.number().int().min(2000).max(2100);
const Key = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'a-z, 0-9, _')
  .max(40);

// ───────────── settings ─────────────

/** A working system of the yearly checklist; a disabled one is off the checklist (its evidence is kept). */
export const SystemItemDto = z.object({
  key: Key,
  name: z.string().trim().min(2).max(40),
  disabled: z.boolean().optional(),
});
export const AssessmentItemDto = z.object({
  key: Key,
  name: z.string().trim().min(2).max(40),
  maxScore: z.number().int().min(1).max(100),
});
export const SettingsDto = z.object({
  frequencies: z.record(z.enum(ACTIVITY_KINDS), z.enum(FREQUENCIES)),
  systems: z.array(SystemItemDto).min(1).max(20),
  assessmentItems: z.object({
    branch: z.array(AssessmentItemDto).min(1).max(20),
    secretary: z.array(AssessmentItemDto).min(1).max(20),
  }),
  version: z.number().int(),
});
export type Settings = z.infer<typeof SettingsDto>;
export const PutSettingsBody = SettingsDto.omit({ version: true }).extend({ version: z.number().int().min(0) });
export type PutSettingsBody = z.infer<typeof PutSettingsBody>;

// ───────────── activities and attendance ─────────────

export const CreateActivityBody = z
  .object({
    partyOrgId: Id,
    kind: z.enum(ACTIVITY_KINDS),
    topic: z.string().trim().min(2).max(120),
    place: z.string().trim().min(2).max(120),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    /** The members expected; default: every active member of the branch (预备党员 included). */
    memberIds: z.array(Id).max(500).optional(),
  })
  .refine((b) => new Date(b.endsAt) > new Date(b.startsAt), { message: 'endsAt after startsAt', path: ['endsAt'] });
export type CreateActivityBody = z.infer<typeof CreateActivityBody>;

export const ListActivitiesQuery = z.object({
  partyOrgId: Id.optional(),
  year: Year.optional(),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const AttendanceFigures = z.object({
  expected: z.number().int(),
  present: z.number().int(),
  leave: z.number().int(),
  absent: z.number().int(),
  /** present / expected, in per cent with one decimal; null with nobody expected. */
  rate: z.number().nullable(),
});
export type AttendanceFigures = z.infer<typeof AttendanceFigures>;

export const ActivityDto = z.object({
  id: z.string(),
  partyOrgId: z.string(),
  partyOrgName: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  topic: z.string(),
  place: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(ACTIVITY_STATUSES),
  attendance: AttendanceFigures,
  version: z.number().int(),
});
export type PartyActivity = z.infer<typeof ActivityDto>;
export const ActivityListDto = z.object({ items: z.array(ActivityDto), total: z.number().int() });

export const AttendeeDto = z.object({
  memberId: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  status: z.enum(ATTENDANCE_STATUSES),
  leaveReason: z.string().nullable(),
  via: z.enum(['qr', 'secretary']).nullable(),
  checkedInAt: z.string().nullable(),
});
export type Attendee = z.infer<typeof AttendeeDto>;
export const ActivityDetailDto = z.object({
  activity: ActivityDto,
  minutes: z.string().nullable(),
  attendees: z.array(AttendeeDto),
  attachments: z.array(Attachment),
  can: z.object({ run: z.boolean() }),
});
export type PartyActivityDetail = z.infer<typeof ActivityDetailDto>;

export const MarkAttendanceBody = z.object({
  items: z
    .array(
      z.object({
        memberId: Id,
        status: z.enum(['present', 'leave', 'absent']),
        leaveReason: z.string().trim().max(200).optional(),
      }),
    )
    .min(1)
    .max(500),
});
export const MinutesBody = z.object({
  minutes: z.string().trim().min(10).max(20000),
  attachmentIds: z.array(Id).max(9).default([]),
  version: Version,
});
export const CancelBody = z.object({ version: Version });

export const PartyQrDto = z.object({ token: z.string(), url: z.string(), svg: z.string(), expiresAt: z.string() });
export type PartyQr = z.infer<typeof PartyQrDto>;
export const CheckinBody = z.object({ token: z.string().min(10).max(1000) });
export const CheckinDto = z.object({
  activityId: z.string(),
  topic: z.string(),
  partyOrgName: z.string(),
  status: z.literal('present'),
});
export type PartyCheckin = z.infer<typeof CheckinDto>;

// ───────────── a member's own, a branch's year ─────────────

export const YearQuery = z.object({ year: Year });
export const MyActivityDto = ActivityDto.pick({
  id: true,
  kind: true,
  topic: true,
  place: true,
  startsAt: true,
  status: true,
}).extend({ myStatus: z.enum(ATTENDANCE_STATUSES), leaveReason: z.string().nullable() });
export const MyPartyLifeDto = z.object({
  member: z.object({ name: z.string(), partyOrgName: z.string() }).nullable(),
  year: z.number().int(),
  activities: z.array(MyActivityDto),
  attendance: AttendanceFigures,
});
export type MyPartyLife = z.infer<typeof MyPartyLifeDto>;

export const PeriodDto = z.object({
  /** 1–12 for a month, 1–4 for a quarter. */
  period: z.number().int(),
  held: z.number().int(),
  state: z.enum(['held', 'missing', 'open', 'upcoming']),
});
export const ComplianceRowDto = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  frequency: z.enum(['monthly', 'quarterly']),
  /** Periods in the year (12 months or 4 quarters). */
  required: z.number().int(),
  /** Periods with at least one held. */
  covered: z.number().int(),
  /** Activities of the kind held in the year. */
  held: z.number().int(),
  /** Periods already over with nothing held. */
  missing: z.number().int(),
  periods: z.array(PeriodDto),
});
export type ComplianceRow = z.infer<typeof ComplianceRowDto>;
export const MemberYearDto = z.object({
  memberId: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  attendance: AttendanceFigures,
});
export const BranchYearDto = z.object({
  partyOrgId: z.string(),
  partyOrgName: z.string(),
  year: z.number().int(),
  asOf: z.string(),
  compliance: z.array(ComplianceRowDto),
  byKind: z.array(z.object({ kind: z.enum(ACTIVITY_KINDS), held: z.number().int() })),
  attendance: AttendanceFigures,
  members: z.array(MemberYearDto),
  can: z.object({ run: z.boolean(), review: z.boolean() }),
});
export type BranchYear = z.infer<typeof BranchYearDto>;

// ───────────── working systems checklist ─────────────

export const SystemCheckDto = z.object({
  itemKey: z.string(),
  name: z.string(),
  status: z.enum(SYSTEM_CHECK_STATUSES),
  evidence: z.string().nullable(),
  attachments: z.array(Attachment),
  reviewNote: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  version: z.number().int(),
});
export type SystemCheck = z.infer<typeof SystemCheckDto>;
export const SystemChecksDto = z.object({
  year: z.number().int(),
  items: z.array(SystemCheckDto),
  done: z.number().int(),
  can: z.object({ run: z.boolean(), review: z.boolean() }),
});
export type SystemChecks = z.infer<typeof SystemChecksDto>;
export const EvidenceBody = z.object({
  year: z.number().int().min(2000).max(2100),
  evidence: z.string().trim().min(5).max(5000),
  attachmentIds: z.array(Id).max(9).default([]),
});
export const ReviewBody = z.object({
  year: z.number().int().min(2000).max(2100),
  decision: z.enum(['approved', 'returned']),
  note: z.string().trim().max(500).optional(),
  version: Version,
});

// ───────────── 考核评议 ─────────────

export const AssessmentBody = z.object({
  year: z.number().int().min(2000).max(2100),
  subject: z.enum(ASSESSMENT_SUBJECTS),
  scores: z.record(Key, z.number().min(0).max(100)),
  note: z.string().trim().max(500).optional(),
});
export const AssessmentDto = z.object({
  partyOrgId: z.string(),
  partyOrgName: z.string(),
  year: z.number().int(),
  subject: z.enum(ASSESSMENT_SUBJECTS),
  secretaryName: z.string().nullable(),
  scores: z.array(z.object({ key: z.string(), name: z.string(), score: z.number(), maxScore: z.number() })),
  total: z.number(),
  maxTotal: z.number(),
  grade: z.enum(ASSESSMENT_GRADES),
  note: z.string().nullable(),
  enteredAt: z.string(),
});
export type PartyAssessment = z.infer<typeof AssessmentDto>;
export const AssessmentListQuery = z.object({ year: Year, partyOrgId: Id.optional() });
export const AssessmentListDto = z.object({
  items: z.array(AssessmentDto),
  grades: z.record(z.enum(ASSESSMENT_GRADES), z.number().int()),
});
