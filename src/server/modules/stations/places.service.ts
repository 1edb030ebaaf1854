import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { queryRows, type Queryable } from '../../db/client.js';
import { badRequest, conflict } from '../../lib/errors.js';
import { maskPhone } from '../../lib/field-crypto.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import { STATION_KINDS } from '../org/org.tables.js';
import { must } from '../../lib/must.js';
import { requireAccess, scopeWhere } from '../access/access.records.js';
import { createOrder } from '../work-orders/work-orders.service.js';
import { RIDER_DIFFICULTIES, SERVICE_CATEGORIES } from './stations.tables.js';

/**
 * What the stations offer and how they are reached: services (the riders' 送冷暖/送技能/送爱心/送权益
 * among them), love corners, the riders' joint meeting whose demands become work orders, job
 * postings with matching, and the 15-minute living circle around a compound.
 */

// ───────────────────────── walking model ─────────────────────────

/**
 * 15-minute living circle: walking time = great-circle distance × 1.3 (street-network detour
 * factor) at 5 km/h (≈ 83 m per minute). 15 minutes is therefore ≈ 960 m as the crow flies.
 */
export const WALK = { speedKmh: 5, detourFactor: 1.3, circleMinutes: 15 } as const;

export function haversineMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

export function walkingMinutes(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const meters = haversineMeters(a, b) * WALK.detourFactor;
  return meters / ((WALK.speedKmh * 1000) / 60);
}

// ───────────────────────── DTOs ─────────────────────────

export const StationServiceDto = z.object({
  id: z.string(),
  category: z.enum(SERVICE_CATEGORIES),
  name: z.string(),
  schedule: z.string().nullable(),
});
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
export const CreateStationBody = z.object({
  kind: z.enum(STATION_KINDS),
  name: z.string().trim().min(2, '阵地名称至少 2 个字').max(60),
  orgUnitId: z.string().min(1).max(60),
  address: z.string().trim().max(120).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
});
export const CreateServiceBody = z.object({
  category: z.enum(SERVICE_CATEGORIES),
  name: z.string().trim().min(2, '服务名称至少 2 个字').max(60),
  schedule: z.string().trim().max(60).optional(),
});
export const LivingCircleDto = z.object({
  compoundId: z.string(),
  compoundName: z.string(),
  located: z.boolean(),
  model: z.object({ speedKmh: z.number(), detourFactor: z.number(), circleMinutes: z.number() }),
  items: z.array(
    z.object({
      stationId: z.string(),
      kind: z.enum(STATION_KINDS),
      name: z.string(),
      address: z.string().nullable(),
      meters: z.number().int(),
      minutes: z.number(),
      services: z.array(z.object({ category: z.enum(SERVICE_CATEGORIES), name: z.string() })),
    }),
  ),
});
export const DemandDto = z.object({
  id: z.string(),
  difficulty: z.enum(RIDER_DIFFICULTIES),
  content: z.string(),
  status: z.enum(['open', 'answered', 'converted']),
  answer: z.string().nullable(),
  workOrderId: z.string().nullable(),
  workOrderNo: z.string().nullable(),
});
export const RiderMeetingDto = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  heldOn: z.string(),
  attendees: z.number().int(),
  minutes: z.string(),
  demands: z.array(DemandDto),
});
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
export const ConvertDemandBody = z.object({
  compoundId: z.string().min(1).max(60),
  categoryId: z.string().min(1).max(40),
  title: z.string().trim().min(2).max(80).optional(),
});
export const AnswerDemandBody = z.object({ answer: z.string().trim().min(2, '请填写答复').max(500) });
export const PostingDto = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  title: z.string(),
  employer: z.string(),
  skills: z.array(z.string()),
  positions: z.number().int(),
  status: z.enum(['open', 'filled', 'closed']),
  hired: z.number().int(),
});
export const CreatePostingBody = z.object({
  stationId: z.string().min(1).max(60),
  title: z.string().trim().min(2, '请填写岗位名称').max(60),
  employer: z.string().trim().min(2, '请填写用工单位').max(60),
  skills: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  positions: z.number().int().min(1).max(500).default(1),
});
export const SeekerDto = z.object({
  id: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  skills: z.array(z.string()),
  status: z.enum(['seeking', 'placed']),
});
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
export const MatchDto = z.object({ posting: PostingDto, overlap: z.array(z.string()), score: z.number() });
export const CreateMatchBody = z.object({
  postingId: z.string().min(1).max(60),
  seekerId: z.string().min(1).max(60),
  status: z.enum(['proposed', 'hired', 'declined']).default('proposed'),
});

type Posting = z.infer<typeof PostingDto>;

async function station(
  q: Queryable,
  actor: Actor,
  id: string,
): Promise<{ id: string; kind: string; name: string; org_path: string; org_unit_id: string; address: string | null }> {
  const [s] = await queryRows<{
    id: string;
    kind: string;
    name: string;
    org_path: string;
    org_unit_id: string;
    address: string | null;
  }>(
    q,
    sql`
    select id, kind, name, org_path, org_unit_id, address from stations where district_id = ${actor.districtId} and id = ${id}`,
  );
  return must(s, 'STATION_NOT_FOUND', '找不到该阵地。');
}

// ───────────────────────── stations and services ─────────────────────────

export async function getStation(ctx: AppContext, actor: Actor, id: string): Promise<z.infer<typeof StationDetailDto>> {
  const s = await station(ctx.db, actor, id);
  requireAccess(actor, 'station', { orgPath: s.org_path });
  const [row] = await queryRows<z.infer<typeof StationDetailDto>>(
    ctx.db,
    sql`
    select s.id, s.kind, s.name, s.org_unit_id as "orgUnitId", o.name as "orgUnitName", s.address, l.lat, l.lng,
      (select count(*)::int from love_corners c where c.district_id = s.district_id and c.station_id = s.id) as "loveCorners"
    from stations s join org_units o on o.district_id = s.district_id and o.id = s.org_unit_id
    left join place_locations l on l.district_id = s.district_id and l.kind = 'station' and l.entity_id = s.id
    where s.district_id = ${actor.districtId} and s.id = ${id}`,
  );
  const services = await queryRows<z.infer<typeof StationServiceDto>>(
    ctx.db,
    sql`select id, category, name, schedule from station_services
    where district_id = ${actor.districtId} and station_id = ${id} and is_active order by category, name`,
  );
  return { ...row!, services };
}

export async function createStation(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateStationBody>,
  ip?: string,
): Promise<z.infer<typeof StationDetailDto>> {
  const [u] = await queryRows<{ id: string; path: string }>(
    ctx.db,
    sql`select id, path from org_units where district_id = ${actor.districtId} and id = ${input.orgUnitId}`,
  );
  const unit = must(u, 'ORG_UNIT_NOT_FOUND', '找不到该组织单位。');
  requireAccess(actor, 'orgUnit', { orgPath: unit.path }, 'write', { what: '该单位' });
  if ((input.lat === undefined) !== (input.lng === undefined))
    throw badRequest('LOCATION_INCOMPLETE', '经纬度须同时填写。');
  const id = `S-${randomUUID()}`;
  await ctx.db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into stations (district_id, id, kind, name, org_unit_id, org_path, address) values (${actor.districtId}, ${id}, ${input.kind}, ${input.name}, ${unit.id}, ${unit.path}, ${input.address ?? null})`,
    );
    if (input.lat !== undefined && input.lng !== undefined) {
      await tx.execute(
        sql`insert into place_locations (district_id, kind, entity_id, lat, lng) values (${actor.districtId}, 'station', ${id}, ${input.lat}, ${input.lng})`,
      );
    }
    await writeAudit(
      tx,
      actor,
      { action: 'station.create', entityType: 'station', entityId: id, detail: { kind: input.kind, name: input.name } },
      ip,
    );
  });
  return getStation(ctx, actor, id);
}

export async function addService(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  input: z.infer<typeof CreateServiceBody>,
  ip?: string,
): Promise<z.infer<typeof StationDetailDto>> {
  const s = await station(ctx.db, actor, stationId);
  requireAccess(actor, 'station', { orgPath: s.org_path }, 'write');
  await ctx.db.transaction(async (tx) => {
    const id = randomUUID();
    await tx.execute(
      sql`insert into station_services (district_id, id, station_id, category, name, schedule) values (${actor.districtId}, ${id}, ${stationId}, ${input.category}, ${input.name}, ${input.schedule ?? null})`,
    );
    await writeAudit(
      tx,
      actor,
      {
        action: 'station.add_service',
        entityType: 'station',
        entityId: stationId,
        detail: { serviceId: id, category: input.category, name: input.name },
      },
      ip,
    );
  });
  return getStation(ctx, actor, stationId);
}

export async function listLoveCorners(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
): Promise<{ items: { id: string; shopName: string; address: string | null; offers: string[] }[] }> {
  const s = await station(ctx.db, actor, stationId);
  requireAccess(actor, 'station', { orgPath: s.org_path });
  return {
    items: await queryRows(
      ctx.db,
      sql`select id, shop_name as "shopName", address, offers from love_corners where district_id = ${actor.districtId} and station_id = ${stationId} order by id`,
    ),
  };
}

export async function livingCircle(
  ctx: AppContext,
  actor: Actor,
  compoundId: string,
): Promise<z.infer<typeof LivingCircleDto>> {
  const [c] = await queryRows<{
    id: string;
    name: string;
    path: string;
    kind: string;
    lat: number | null;
    lng: number | null;
  }>(
    ctx.db,
    sql`
    select o.id, o.name, o.path, o.kind, l.lat, l.lng from org_units o
    left join place_locations l on l.district_id = o.district_id and l.kind = 'compound' and l.entity_id = o.id
    where o.district_id = ${actor.districtId} and o.id = ${compoundId}`,
  );
  const compound = must(c, 'COMPOUND_NOT_FOUND', '找不到该小区。');
  if (compound.kind !== 'compound') throw badRequest('COMPOUND_REQUIRED', '请选择具体小区。');
  requireAccess(actor, 'station', { orgPath: compound.path }, 'read', { what: '该小区' });
  const base = { compoundId: compound.id, compoundName: compound.name, model: WALK };
  if (compound.lat === null || compound.lng === null) return { ...base, located: false, items: [] };
  const here = { lat: compound.lat, lng: compound.lng };
  // a bounding box of ±0.02° (≈ 2 km) keeps the candidate set small before the exact distance
  const rows = await queryRows<{
    id: string;
    kind: (typeof STATION_KINDS)[number];
    name: string;
    address: string | null;
    lat: number;
    lng: number;
  }>(
    ctx.db,
    sql`
    select s.id, s.kind, s.name, s.address, l.lat, l.lng from stations s
    join place_locations l on l.district_id = s.district_id and l.kind = 'station' and l.entity_id = s.id
    where s.district_id = ${actor.districtId} and l.lat between ${here.lat - 0.02} and ${here.lat + 0.02} and l.lng between ${here.lng - 0.02} and ${here.lng + 0.02}`,
  );
  const near = rows
    .map((r) => ({
      ...r,
      minutes: walkingMinutes(here, r),
      meters: Math.round(haversineMeters(here, r) * WALK.detourFactor),
    }))
    .filter((r) => r.minutes <= WALK.circleMinutes)
    .sort((a, b) => a.minutes - b.minutes);
  const services = near.length
    ? await queryRows<{ station_id: string; category: z.infer<typeof StationServiceDto>['category']; name: string }>(
        ctx.db,
        sql`
    select station_id, category, name from station_services where district_id = ${actor.districtId} and is_active
      and station_id in (${sql.join(
        near.map((n) => sql`${n.id}`),
        sql`, `,
      )}) order by category, name`,
      )
    : [];
  return {
    ...base,
    located: true,
    items: near.map((n) => ({
      stationId: n.id,
      kind: n.kind,
      name: n.name,
      address: n.address,
      meters: n.meters,
      minutes: Math.round(n.minutes * 10) / 10,
      services: services.filter((s) => s.station_id === n.id).map((s) => ({ category: s.category, name: s.name })),
    })),
  };
}

// ───────────────────────── riders' joint meeting ─────────────────────────

async function meetingView(q: Queryable, districtId: string, id: string): Promise<z.infer<typeof RiderMeetingDto>> {
  const [m] = await queryRows<Omit<z.infer<typeof RiderMeetingDto>, 'demands'>>(
    q,
    sql`
    select m.id, m.station_id as "stationId", s.name as "stationName", m.held_on::text as "heldOn", m.attendees, m.minutes
    from rider_meetings m join stations s on s.district_id = m.district_id and s.id = m.station_id where m.district_id = ${districtId} and m.id = ${id}`,
  );
  const meeting = must(m, 'MEETING_NOT_FOUND', '找不到该联席会议。');
  const demands = await queryRows<z.infer<typeof DemandDto>>(
    q,
    sql`
    select d.id, d.difficulty, d.content, d.status, d.answer, d.work_order_id as "workOrderId", o.no as "workOrderNo"
    from rider_demands d left join work_orders o on o.district_id = d.district_id and o.id = d.work_order_id
    where d.district_id = ${districtId} and d.meeting_id = ${id} order by d.created_at, d.id`,
  );
  return { ...meeting, demands };
}

export async function listRiderMeetings(
  ctx: AppContext,
  actor: Actor,
): Promise<{ items: z.infer<typeof RiderMeetingDto>[] }> {
  const rows = await queryRows<{ id: string }>(
    ctx.db,
    sql`select m.id from rider_meetings m where m.district_id = ${actor.districtId} and ${scopeWhere(actor, 'station', { orgPath: sql`m.org_path` })}
    order by m.held_on desc limit 50`,
  );
  const items = [];
  for (const r of rows) items.push(await meetingView(ctx.db, actor.districtId, r.id));
  return { items };
}

export async function createRiderMeeting(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateRiderMeetingBody>,
  ip?: string,
): Promise<z.infer<typeof RiderMeetingDto>> {
  const s = await station(ctx.db, actor, input.stationId);
  requireAccess(actor, 'station', { orgPath: s.org_path }, 'write');
  if (s.kind !== 'rider' && s.kind !== 'party_mass')
    throw badRequest('STATION_KIND_INVALID', '小哥联席会议须在小哥驿站或党群服务站召开。');
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`insert into rider_meetings (district_id, id, station_id, org_path, held_on, attendees, minutes, created_by)
      values (${actor.districtId}, ${id}, ${s.id}, ${s.org_path}, ${input.heldOn}, ${input.attendees}, ${input.minutes}, ${actor.userId})`);
    for (const d of input.demands) {
      await tx.execute(
        sql`insert into rider_demands (district_id, id, meeting_id, difficulty, content) values (${actor.districtId}, ${randomUUID()}, ${id}, ${d.difficulty}, ${d.content})`,
      );
    }
    await writeAudit(
      tx,
      actor,
      {
        action: 'rider_meeting.create',
        entityType: 'rider_meeting',
        entityId: id,
        detail: { stationId: s.id, demands: input.demands.length },
      },
      ip,
    );
  });
  return meetingView(ctx.db, actor.districtId, id);
}

async function demandFor(q: Queryable, actor: Actor, id: string) {
  const [d] = await queryRows<{
    id: string;
    meeting_id: string;
    status: string;
    content: string;
    difficulty: string;
    org_path: string;
    station_name: string;
  }>(
    q,
    sql`
    select d.id, d.meeting_id, d.status, d.content, d.difficulty, m.org_path, s.name as station_name from rider_demands d
    join rider_meetings m on m.district_id = d.district_id and m.id = d.meeting_id
    join stations s on s.district_id = m.district_id and s.id = m.station_id
    where d.district_id = ${actor.districtId} and d.id = ${id}`,
  );
  const demand = must(d, 'DEMAND_NOT_FOUND', '找不到该诉求。');
  requireAccess(actor, 'station', { orgPath: demand.org_path }, 'write', { what: '该诉求' });
  if (demand.status !== 'open') throw conflict('DEMAND_ALREADY_HANDLED', '该诉求已答复或已转为工单。');
  return demand;
}

/**
 * A demand becomes a work order through the work-order module's own creation service (channel
 * 'station'), keyed by an Idempotency-Key derived from the demand, so a retry never makes a second order.
 */
export async function convertDemand(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof ConvertDemandBody>,
  ip?: string,
): Promise<z.infer<typeof RiderMeetingDto>> {
  const demand = await demandFor(ctx.db, actor, id);
  const { order } = await createOrder(
    ctx,
    actor,
    {
      channel: 'station',
      categoryId: input.categoryId,
      title: input.title ?? `小哥诉求：${demand.content.slice(0, 30)}`,
      description: `${demand.station_name}小哥联席会议提出：${demand.content}`,
      compoundId: input.compoundId,
      photos: [],
    },
    `riderdemand-${demand.id}`,
    ip,
  );
  await ctx.db.transaction(async (tx) => {
    await tx.execute(
      sql`update rider_demands set status = 'converted', work_order_id = ${order.id} where district_id = ${actor.districtId} and id = ${id} and status = 'open'`,
    );
    await writeAudit(
      tx,
      actor,
      {
        action: 'rider_demand.convert',
        entityType: 'rider_demand',
        entityId: id,
        detail: { workOrderId: order.id, no: order.no },
      },
      ip,
    );
  });
  return meetingView(ctx.db, actor.districtId, demand.meeting_id);
}

export async function answerDemand(
  ctx: AppContext,
  actor: Actor,
  id: string,
  answer: string,
  ip?: string,
): Promise<z.infer<typeof RiderMeetingDto>> {
  const demand = await demandFor(ctx.db, actor, id);
  await ctx.db.transaction(async (tx) => {
    await tx.execute(
      sql`update rider_demands set status = 'answered', answer = ${answer} where district_id = ${actor.districtId} and id = ${id}`,
    );
    await writeAudit(tx, actor, { action: 'rider_demand.answer', entityType: 'rider_demand', entityId: id }, ip);
  });
  return meetingView(ctx.db, actor.districtId, demand.meeting_id);
}

// ───────────────────────── jobs ─────────────────────────

const POSTING_SELECT = sql`
  select p.id, p.station_id as "stationId", s.name as "stationName", p.title, p.employer, p.skills, p.positions, p.status,
    (select count(*)::int from job_matches m where m.district_id = p.district_id and m.posting_id = p.id and m.status = 'hired') as hired
  from job_postings p join stations s on s.district_id = p.district_id and s.id = p.station_id`;

export async function listPostings(ctx: AppContext, actor: Actor): Promise<{ items: Posting[] }> {
  return {
    items: await queryRows<Posting>(
      ctx.db,
      sql`${POSTING_SELECT} where p.district_id = ${actor.districtId} and ${scopeWhere(actor, 'station', { orgPath: sql`p.org_path` })} order by p.created_at desc limit 200`,
    ),
  };
}

export async function createPosting(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreatePostingBody>,
  ip?: string,
): Promise<Posting> {
  const s = await station(ctx.db, actor, input.stationId);
  requireAccess(actor, 'station', { orgPath: s.org_path }, 'write');
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`insert into job_postings (district_id, id, station_id, org_path, title, employer, skills, positions)
      values (${actor.districtId}, ${id}, ${s.id}, ${s.org_path}, ${input.title}, ${input.employer}, ${`{${input.skills.map((k) => `"${k.replace(/["\\]/g, '')}"`).join(',')}}`}::text[], ${input.positions})`);
    await writeAudit(
      tx,
      actor,
      { action: 'job_posting.create', entityType: 'job_posting', entityId: id, detail: { title: input.title } },
      ip,
    );
  });
  const [p] = await queryRows<Posting>(
    ctx.db,
    sql`${POSTING_SELECT} where p.district_id = ${actor.districtId} and p.id = ${id}`,
  );
  return p!;
}

export async function registerSeeker(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateSeekerBody>,
  ip?: string,
): Promise<z.infer<typeof SeekerDto>> {
  const s = await station(ctx.db, actor, input.stationId);
  requireAccess(actor, 'station', { orgPath: s.org_path }, 'write');
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`insert into job_seekers (district_id, id, station_id, org_path, person_id, name, phone_cipher, phone_masked, skills)
      values (${actor.districtId}, ${id}, ${s.id}, ${s.org_path}, ${input.personId ?? null}, ${input.name}, ${input.phone ? ctx.crypto.encrypt(input.phone) : null},
        ${input.phone ? maskPhone(input.phone) : null}, ${`{${input.skills.map((k) => `"${k.replace(/["\\]/g, '')}"`).join(',')}}`}::text[])`);
    await writeAudit(tx, actor, { action: 'job_seeker.register', entityType: 'job_seeker', entityId: id }, ip);
  });
  return {
    id,
    name: input.name,
    phoneMasked: input.phone ? maskPhone(input.phone) : null,
    skills: input.skills,
    status: 'seeking',
  };
}

/** 人岗匹配: open postings ranked by the share of their wanted skills the seeker has. */
export async function matchesFor(
  ctx: AppContext,
  actor: Actor,
  seekerId: string,
): Promise<{ seeker: z.infer<typeof SeekerDto>; items: z.infer<typeof MatchDto>[] }> {
  const [sk] = await queryRows<z.infer<typeof SeekerDto> & { org_path: string }>(
    ctx.db,
    sql`
    select id, name, phone_masked as "phoneMasked", skills, status, org_path from job_seekers where district_id = ${actor.districtId} and id = ${seekerId}`,
  );
  const seeker = must(sk, 'SEEKER_NOT_FOUND', '找不到该求职登记。');
  requireAccess(actor, 'station', { orgPath: seeker.org_path }, 'write', { what: '该求职登记' });
  const { items } = await listPostings(ctx, actor);
  const mine = new Set(seeker.skills);
  const ranked = items
    .filter((p) => p.status === 'open')
    .map((posting) => {
      const overlap = posting.skills.filter((k) => mine.has(k));
      return {
        posting,
        overlap,
        score: posting.skills.length ? Math.round((overlap.length / posting.skills.length) * 100) / 100 : 0.5,
      };
    })
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score);
  const { org_path: _p, ...view } = seeker;
  void _p;
  return { seeker: view, items: ranked };
}

export async function recordMatch(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateMatchBody>,
  ip?: string,
): Promise<{ posting: Posting }> {
  await ctx.db.transaction(async (tx) => {
    const [p] = await queryRows<{ org_path: string; positions: number; status: string }>(
      tx,
      sql`select org_path, positions, status from job_postings where district_id = ${actor.districtId} and id = ${input.postingId} for update`,
    );
    const posting = must(p, 'POSTING_NOT_FOUND', '找不到该岗位。');
    requireAccess(actor, 'station', { orgPath: posting.org_path }, 'write', { what: '该岗位' });
    const [s] = await queryRows<{ org_path: string }>(
      tx,
      sql`select org_path from job_seekers where district_id = ${actor.districtId} and id = ${input.seekerId} for update`,
    );
    requireAccess(actor, 'station', { orgPath: must(s, 'SEEKER_NOT_FOUND', '找不到该求职登记。').org_path }, 'write', {
      what: '该求职登记',
    });
    if (posting.status !== 'open' && input.status === 'hired')
      throw conflict('POSTING_CLOSED', '该岗位已招满或已关闭。');
    await tx.execute(sql`insert into job_matches (district_id, id, posting_id, seeker_id, status, created_by) values (${actor.districtId}, ${randomUUID()}, ${input.postingId}, ${input.seekerId}, ${input.status}, ${actor.userId})
      on conflict (district_id, posting_id, seeker_id) do update set status = excluded.status`);
    if (input.status === 'hired') {
      await tx.execute(
        sql`update job_seekers set status = 'placed' where district_id = ${actor.districtId} and id = ${input.seekerId}`,
      );
      await tx.execute(sql`update job_postings set status = 'filled' where district_id = ${actor.districtId} and id = ${input.postingId}
        and (select count(*) from job_matches m where m.district_id = ${actor.districtId} and m.posting_id = ${input.postingId} and m.status = 'hired') >= positions`);
    }
    await writeAudit(
      tx,
      actor,
      {
        action: 'job_match.record',
        entityType: 'job_posting',
        entityId: input.postingId,
        detail: { seekerId: input.seekerId, status: input.status },
      },
      ip,
    );
  });
  const [p] = await queryRows<Posting>(
    ctx.db,
    sql`${POSTING_SELECT} where p.district_id = ${actor.districtId} and p.id = ${input.postingId}`,
  );
  return { posting: p! };
}
