import { z } from 'zod';
import {
  DEMAND_STATUSES,
  MATCH_STATUSES,
  POSTING_STATUSES,
  RIDER_DIFFICULTIES,
  SEEKER_STATUSES,
  SERVICE_CATEGORIES,
  STATION_KINDS,
} from './stations.constants.js';

/**
 * Requests and replies of the stations module: 阵地 and their services, love corners, the 15-minute
 * living circle, the riders' joint meeting and the convenience stations' jobs. The server validates
 * with these; the web imports the inferred types (as types only).
 */
export type { Difficulty, ServiceCategory, StationKind } from './stations.constants.js';

// ───────────── stations and services ─────────────

/** A station in a list (GET /api/stations). */
export const StationDto = z.object({
  id: z.string(),
  kind: z.enum(STATION_KINDS),
  name: z.string(),
  orgUnitName: z.string(),
  address: z.string().nullable(),
  partyOrgName: z.string().nullable(),
});
export type Station = z.infer<typeof StationDto>;
export const StationsQuery = z.object({ kind: z.enum(STATION_KINDS).optional() });
export const StationListDto = z.object({ items: z.array(StationDto) });
export type StationList = z.infer<typeof StationListDto>;

export const StationServiceDto = z.object({
  id: z.string(),
  category: z.enum(SERVICE_CATEGORIES),
  name: z.string(),
  schedule: z.string().nullable(),
});
export type StationService = z.infer<typeof StationServiceDto>;
export const StationDetailDto = z.object({
  id: z.string(),
  kind: z.enum(STATION_KINDS),
  name: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  services: z.array(StationServiceDto),
  loveCorners: z.number().int(),
});
export type StationDetail = z.infer<typeof StationDetailDto>;
export const StationReplyDto = z.object({ station: StationDetailDto });
export type StationReply = z.infer<typeof StationReplyDto>;

export const CreateStationBody = z.object({
  kind: z.enum(STATION_KINDS),
  name: z.string().trim().min(2, '阵地名称至少 2 个字').max(60),
  orgUnitId: z.string().min(1).max(60),
  address: z.string().trim().max(120).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
});
export type CreateStationInput = z.input<typeof CreateStationBody>;
export const CreateServiceBody = z.object({
  category: z.enum(SERVICE_CATEGORIES),
  name: z.string().trim().min(2, '服务名称至少 2 个字').max(60),
  schedule: z.string().trim().max(60).optional(),
});
export type CreateServiceInput = z.input<typeof CreateServiceBody>;

export const LoveCornerDto = z.object({
  id: z.string(),
  shopName: z.string(),
  address: z.string().nullable(),
  offers: z.array(z.string()),
});
export type LoveCorner = z.infer<typeof LoveCornerDto>;
export const LoveCornerListDto = z.object({ items: z.array(LoveCornerDto) });
export type LoveCornerList = z.infer<typeof LoveCornerListDto>;

// ───────────── 15-minute living circle ─────────────

export const LivingCircleDto = z.object({
  compoundId: z.string(),
  compoundName: z.string(),
  located: z.boolean(),
  /** the compound's point, when located (the map draws it and the stations around it) */
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  model: z.object({ speedKmh: z.number(), detourFactor: z.number(), circleMinutes: z.number() }),
  items: z.array(
    z.object({
      stationId: z.string(),
      kind: z.enum(STATION_KINDS),
      name: z.string(),
      address: z.string().nullable(),
      meters: z.number().int(),
      minutes: z.number(),
      lat: z.number(),
      lng: z.number(),
      services: z.array(z.object({ category: z.enum(SERVICE_CATEGORIES), name: z.string() })),
    }),
  ),
});
export type LivingCircle = z.infer<typeof LivingCircleDto>;
/** The web's name for the living circle reply. */
export type Circle = LivingCircle;

// ───────────── riders' joint meeting ─────────────

export const DemandDto = z.object({
  id: z.string(),
  difficulty: z.enum(RIDER_DIFFICULTIES),
  content: z.string(),
  status: z.enum(DEMAND_STATUSES),
  answer: z.string().nullable(),
  workOrderId: z.string().nullable(),
  workOrderNo: z.string().nullable(),
});
export type Demand = z.infer<typeof DemandDto>;
export const RiderMeetingDto = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  heldOn: z.string(),
  attendees: z.number().int(),
  minutes: z.string(),
  demands: z.array(DemandDto),
});
export type RiderMeeting = z.infer<typeof RiderMeetingDto>;
/** The web's name for a rider meeting. */
export type Meeting = RiderMeeting;
export const RiderMeetingListDto = z.object({ items: z.array(RiderMeetingDto) });
export type RiderMeetingList = z.infer<typeof RiderMeetingListDto>;
export const MeetingReplyDto = z.object({ meeting: RiderMeetingDto });
export type MeetingReply = z.infer<typeof MeetingReplyDto>;

export const CreateRiderMeetingBody = z.object({
  stationId: z.string().min(1).max(60),
  heldOn: z.iso.date('日期格式应为 YYYY-MM-DD'),
  attendees: z.number().int().min(0).max(1000).default(0),
  minutes: z.string().max(5000).default(''),
  demands: z
    .array(
      z.object({
        difficulty: z.enum(RIDER_DIFFICULTIES),
        content: z.string().trim().min(2, '请填写诉求内容').max(500),
      }),
    )
    .max(50)
    .default([]),
});
export type CreateRiderMeetingInput = z.input<typeof CreateRiderMeetingBody>;
export const ConvertDemandBody = z.object({
  compoundId: z.string().min(1).max(60),
  categoryId: z.string().min(1).max(40),
  title: z.string().trim().min(2).max(80).optional(),
});
export type ConvertDemandInput = z.input<typeof ConvertDemandBody>;
export const AnswerDemandBody = z.object({ answer: z.string().trim().min(2, '请填写答复').max(500) });
export type AnswerDemandInput = z.input<typeof AnswerDemandBody>;

// ───────────── jobs (便民服务站招聘) ─────────────

export const PostingDto = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  title: z.string(),
  employer: z.string(),
  skills: z.array(z.string()),
  positions: z.number().int(),
  status: z.enum(POSTING_STATUSES),
  hired: z.number().int(),
});
export type Posting = z.infer<typeof PostingDto>;
export const PostingListDto = z.object({ items: z.array(PostingDto) });
export type PostingList = z.infer<typeof PostingListDto>;
export const PostingReplyDto = z.object({ posting: PostingDto });
export type PostingReply = z.infer<typeof PostingReplyDto>;
export const CreatePostingBody = z.object({
  stationId: z.string().min(1).max(60),
  title: z.string().trim().min(2, '请填写岗位名称').max(60),
  employer: z.string().trim().min(2, '请填写用工单位').max(60),
  skills: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  positions: z.number().int().min(1).max(500).default(1),
});
export type CreatePostingInput = z.input<typeof CreatePostingBody>;

export const SeekerDto = z.object({
  id: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  skills: z.array(z.string()),
  status: z.enum(SEEKER_STATUSES),
});
export type Seeker = z.infer<typeof SeekerDto>;
export const SeekerReplyDto = z.object({ seeker: SeekerDto });
export type SeekerReply = z.infer<typeof SeekerReplyDto>;
export const CreateSeekerBody = z.object({
  stationId: z.string().min(1).max(60),
  name: z.string().trim().min(1, '请填写姓名').max(30),
  personId: z.string().max(60).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '手机号应为 11 位，以 1 开头')
    .optional(),
  skills: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
});
export type CreateSeekerInput = z.input<typeof CreateSeekerBody>;

export const MatchDto = z.object({ posting: PostingDto, overlap: z.array(z.string()), score: z.number() });
export type Match = z.infer<typeof MatchDto>;
export const SeekerMatchesDto = z.object({ seeker: SeekerDto, items: z.array(MatchDto) });
export type SeekerMatches = z.infer<typeof SeekerMatchesDto>;
export const CreateMatchBody = z.object({
  postingId: z.string().min(1).max(60),
  seekerId: z.string().min(1).max(60),
  status: z.enum(MATCH_STATUSES).default('proposed'),
});
export type CreateMatchInput = z.input<typeof CreateMatchBody>;

// ───────────── the map ─────────────

const LatLng = z.tuple([z.number(), z.number()]);

/** The tile source a deployment configured (LINLI_MAP_TILES, LINLI_MAP_ATTRIBUTION); null = draw without tiles. */
export const MapConfigDto = z.object({
  tiles: z.object({ url: z.string(), attribution: z.string() }).nullable(),
});
export type MapConfig = z.infer<typeof MapConfigDto>;

export const MapPlacesDto = z.object({
  compounds: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      lat: z.number(),
      lng: z.number(),
      openOrders: z.number().int(),
      overdueOrders: z.number().int(),
    }),
  ),
  stations: z.array(
    z.object({ id: z.string(), kind: z.enum(STATION_KINDS), name: z.string(), lat: z.number(), lng: z.number() }),
  ),
  /** whether the counts mean anything: the caller may read orders */
  hasOrders: z.boolean(),
  /** outlines generated from the places' own points (convex hulls): the area in scope, and each street in it */
  outline: z.array(LatLng),
  /** Each street's outline (the hull of its located compounds) and name, drawn as its label. */
  streets: z.array(z.object({ id: z.string(), name: z.string(), outline: z.array(LatLng) })),
});
export type MapPlaces = z.infer<typeof MapPlacesDto>;
