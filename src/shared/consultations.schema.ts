import { z } from 'zod';
import {
  ANSWER_PER,
  BALLOT_SOURCES,
  CONSULTATION_KINDS,
  ORGANISER_KINDS,
  OWNER_MATTERS,
  QUESTION_KINDS,
} from './consultations.constants.js';

/** Requests and replies of 征求民意 / 议事协商 (consultations, votes, owners' joint decisions). */
export const IdParams = z.object({ id: z.string().min(1).max(80) });

export const QuestionBody = z.object({
  kind: z.enum(QUESTION_KINDS),
  prompt: z.string().trim().min(1, '请填写题目').max(200),
  options: z.array(z.string().trim().min(1, '选项不能为空').max(100)).max(20).default([]),
  required: z.boolean().default(true),
});
export const ConsultationBody = z.object({
  title: z.string().trim().min(2, '请填写标题').max(120),
  description: z.string().trim().max(2000).default(''),
  kind: z.enum(CONSULTATION_KINDS).default('survey'),
  organiserKind: z.enum(ORGANISER_KINDS).default('community'),
  /** The community or compound whose residents are asked. */
  orgUnitId: z.string().min(1, '请选择范围').max(80),
  /** Narrows a compound's consultation to one building. */
  buildingId: z.string().max(80).nullable().optional(),
  answerPer: z.enum(ANSWER_PER).default('household'),
  isAnonymous: z.boolean().default(false),
  closesAt: z.iso.datetime({ offset: true, message: '截止时间格式无效' }),
  matter: z.enum(OWNER_MATTERS).nullable().optional(),
  questions: z.array(QuestionBody).max(30).default([]),
});
export type ConsultationInput = z.input<typeof ConsultationBody>;

export const QuestionDto = z.object({
  id: z.number().int(),
  kind: z.enum(QUESTION_KINDS),
  prompt: z.string(),
  options: z.array(z.string()),
  required: z.boolean(),
});
export type Question = z.infer<typeof QuestionDto>;

export const ConsultationDto = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  kind: z.enum(CONSULTATION_KINDS),
  organiserKind: z.enum(ORGANISER_KINDS),
  orgUnitId: z.string(),
  scopeName: z.string(),
  buildingId: z.string().nullable(),
  answerPer: z.enum(ANSWER_PER),
  isAnonymous: z.boolean(),
  matter: z.enum(OWNER_MATTERS).nullable(),
  closesAt: z.string(),
  /** open until the closing time (server clock) or an early close; published once the organiser releases the result. */
  status: z.enum(['open', 'closed', 'published']),
  publishedAt: z.string().nullable(),
  ballots: z.number().int(),
  createdByName: z.string(),
  version: z.number().int(),
});
export type Consultation = z.infer<typeof ConsultationDto>;
export const ConsultationListDto = z.object({ items: z.array(ConsultationDto), total: z.number().int() });
export type ConsultationList = z.infer<typeof ConsultationListDto>;
export const ListQuery = z.object({ status: z.enum(['open', 'closed', 'published']).optional() });

const point = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });
export const ConsultationDetailDto = z.object({
  consultation: ConsultationDto,
  questions: z.array(QuestionDto),
  /** What the caller may do next. */
  canManage: z.boolean(),
  canAnswer: z.boolean(),
  hasAnswered: z.boolean(),
  /** Where a map-point question's map opens: the scope's located compounds (their mean), or null when none is located. */
  center: point.nullable(),
});
export type ConsultationDetail = z.infer<typeof ConsultationDetailDto>;

export const AnswerItem = z.object({
  questionId: z.number().int(),
  /** single / multiple: the chosen option indexes; ranking: every option index, best first. */
  choices: z.array(z.number().int().min(0).max(19)).max(20).optional(),
  text: z.string().trim().max(1000).optional(),
  point: point.optional(),
});
export type Answer = z.infer<typeof AnswerItem>;
export const AnswerBody = z.object({ answers: z.array(AnswerItem).max(30) });
export type AnswerInput = z.input<typeof AnswerBody>;
export const PaperBallotBody = z.object({
  /** The household the paper ballot is from (needed when one answer per household or for an owners' decision). */
  householdId: z.string().max(80).nullable().optional(),
  answers: z.array(AnswerItem).max(30),
  note: z.string().trim().max(200).default(''),
});
export type PaperBallotInput = z.input<typeof PaperBallotBody>;
export const BallotDto = z.object({ id: z.string(), source: z.enum(BALLOT_SOURCES) });
export const VersionBody = z.object({ version: z.number().int() });

export const QuestionResultDto = z.object({
  questionId: z.number().int(),
  kind: z.enum(QUESTION_KINDS),
  prompt: z.string(),
  options: z.array(z.string()),
  answered: z.number().int(),
  /** single / multiple: count per option; ranking: Borda points per option (n-1 for first …). */
  counts: z.array(z.number().int()),
  paperCounts: z.array(z.number().int()),
  texts: z.array(z.string()),
  points: z.array(point),
});
export const DecisionResultDto = z.object({
  special: z.boolean(),
  totalOwners: z.number().int(),
  totalArea: z.number(),
  participatingOwners: z.number().int(),
  participatingArea: z.number(),
  agreeOwners: z.number().int(),
  agreeArea: z.number(),
  participationMet: z.boolean(),
  consentMet: z.boolean(),
  passed: z.boolean(),
});
export type DecisionResult = z.infer<typeof DecisionResultDto>;
export const ResultsDto = z.object({
  consultation: ConsultationDto,
  ballots: z.number().int(),
  paperBallots: z.number().int(),
  /** Households (or residents) who may answer. */
  eligible: z.number().int(),
  questions: z.array(QuestionResultDto),
  decision: DecisionResultDto.nullable(),
  /** Named consultations: who answered (the organiser only). */
  respondents: z.array(z.object({ name: z.string(), source: z.enum(BALLOT_SOURCES) })),
});
export type Results = z.infer<typeof ResultsDto>;
