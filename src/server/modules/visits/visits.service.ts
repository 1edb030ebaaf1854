import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { shanghaiDate } from '../../lib/time.js';
import { buildWorkbook, tableSheet } from '../../lib/xlsx.js';
import type {
  Campaign,
  CreateCampaignBody,
  CreateVisitBody,
  ListVisitsQuery,
  Visit,
} from '../../../shared/visits.schema.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess, requireAccess, scopeWhere } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { createOrder } from '../work-orders/create.service.js';
import { E } from './visits.errors.js';
import * as repo from './visits.repository.js';

/**
 * 走访慰问: a campaign of a street, community or compound (with its partner units), the visits made in it
 * and their follow-up needs. A need becomes a work order in one step through the work-order module's own
 * creation service (channel 党员联户, keyed by the need so a retry makes no second order), and the need keeps
 * the order's id — written in the order's own transaction.
 */
const CAMPAIGN_UNIT_KINDS = ['district', 'street', 'township', 'community', 'village', 'compound'];

function toCampaign(actor: Actor, r: repo.CampaignRow): Campaign {
  return {
    id: r.id,
    title: r.title,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    partners: r.partners,
    note: r.note,
    visits: r.visits,
    households: r.households,
    moneyYuan: r.money_yuan,
    goodsYuan: r.goods_yuan,
    openNeeds: r.open_needs,
    canWrite: canAccess(actor, 'visitCampaign', { orgPath: r.org_path }, 'write'),
  };
}

const ageOn = (birth: string | null, day: string): number | null => {
  if (!birth) return null;
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

function toVisit(actor: Actor, r: repo.VisitRow): Visit {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignTitle: r.campaign_title,
    personId: r.person_id,
    name: r.name,
    gender: r.gender,
    age: ageOn(r.birth_date, r.visited_on),
    phoneMasked: r.phone_masked,
    isPartyMember: r.is_member,
    kind: r.kind,
    placeName: r.place_name ?? '',
    visitedOn: r.visited_on,
    visitors: r.visitors,
    partners: r.partners,
    goods: r.goods,
    goodsYuan: r.goods_yuan,
    moneyYuan: r.money_yuan,
    situation: r.situation,
    needs: r.needs,
    canWrite: canAccess(actor, 'visit', { orgPath: r.org_path }, 'write'),
  };
}

export async function listCampaigns(ctx: AppContext, actor: Actor) {
  const rows = await repo.listCampaigns(ctx.db, {
    districtId: actor.districtId,
    scope: scopeWhere(actor, 'visitCampaign', repo.CAMPAIGN_COLUMNS),
    visitScope: scopeWhere(actor, 'visit', repo.VISIT_COLUMNS),
  });
  return { items: rows.map((r) => toCampaign(actor, r)) };
}

export async function createCampaign(ctx: AppContext, actor: Actor, input: CreateCampaignBody, ip?: string) {
  const unit = await repo.unitById(ctx.db, actor.districtId, input.orgUnitId);
  if (!unit || !CAMPAIGN_UNIT_KINDS.includes(unit.kind)) throw E.CAMPAIGN_UNIT_NOT_FOUND();
  requireAccess(actor, 'visitCampaign', { orgPath: unit.path }, 'write', { what: '该单位' });
  if (input.endsOn < input.startsOn) throw E.CAMPAIGN_DATES();
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await repo.insertCampaign(tx, {
      districtId: actor.districtId,
      id,
      title: input.title,
      orgUnitId: unit.id,
      orgPath: unit.path,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      partners: [...new Set(input.partners)],
      note: input.note ?? null,
      createdBy: actor.userId,
    });
    const detail = { title: input.title, orgUnitId: unit.id, partners: input.partners };
    await writeAudit(
      tx,
      actor,
      { action: 'visit_campaign.create', entityType: 'visit_campaign', entityId: id, detail },
      ip,
    );
  });
  return campaignOf(ctx, actor, id);
}

async function campaignOf(ctx: AppContext, actor: Actor, id: string): Promise<Campaign> {
  const [row] = await repo.listCampaigns(ctx.db, {
    districtId: actor.districtId,
    scope: scopeWhere(actor, 'visitCampaign', repo.CAMPAIGN_COLUMNS),
    visitScope: scopeWhere(actor, 'visit', repo.VISIT_COLUMNS),
    id,
  });
  if (!row) throw E.CAMPAIGN_NOT_FOUND();
  return toCampaign(actor, row);
}

export async function getVisit(ctx: AppContext, actor: Actor, id: string): Promise<Visit> {
  const v = await repo.loadVisit(ctx.db, actor.districtId, id);
  if (!v) throw E.VISIT_NOT_FOUND();
  requireAccess(actor, 'visit', { orgPath: v.org_path });
  return toVisit(actor, v);
}

/** Records one visit with its needs; the goods' value is summed onto the row. One transaction with its audit. */
export async function createVisit(ctx: AppContext, actor: Actor, body: CreateVisitBody, ip?: string): Promise<Visit> {
  const input = body as Required<CreateVisitBody>;
  const d = actor.districtId;
  const campaign = await repo.campaignById(ctx.db, d, input.campaignId);
  if (!campaign) throw E.CAMPAIGN_NOT_FOUND();
  requireAccess(actor, 'visitCampaign', { orgPath: campaign.orgPath });
  const person = await repo.personForVisit(ctx.db, d, input.personId);
  if (!person || person.protection) throw E.VISIT_PERSON_NOT_FOUND();
  requireAccess(actor, 'visit', { orgPath: person.org_path }, 'write', { what: '该居民' });
  if (!person.org_path.startsWith(campaign.orgPath)) throw E.VISIT_PERSON_OUTSIDE_CAMPAIGN();
  if (input.visitedOn < campaign.startsOn || input.visitedOn > campaign.endsOn)
    throw E.VISIT_OUTSIDE_CAMPAIGN({ startsOn: campaign.startsOn, endsOn: campaign.endsOn });
  if (input.kind !== 'needy_resident' && !person.member_id) throw E.VISIT_MEMBER_REQUIRED();
  const goods = input.goods.map((g) => ({ ...g, valueYuan: g.valueYuan ?? 0 }));
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await repo.insertVisit(tx, {
      districtId: d,
      id,
      campaignId: campaign.id,
      personId: person.id,
      orgPath: person.org_path,
      kind: input.kind,
      visitedOn: input.visitedOn,
      visitors: input.visitors,
      partners: [...new Set(input.partners)],
      goods,
      goodsYuan: goods.reduce((s, g) => s + g.valueYuan, 0),
      moneyYuan: input.moneyYuan,
      situation: input.situation,
      createdBy: actor.userId,
    });
    await repo.insertNeeds(
      tx,
      input.needs.map((n, i) => ({ districtId: d, id: `${id}-N${i + 1}`, visitId: id, content: n.content })),
    );
    const detail = {
      campaignId: campaign.id,
      personId: person.id,
      moneyYuan: input.moneyYuan,
      needs: input.needs.length,
    };
    await writeAudit(tx, actor, { action: 'visit.create', entityType: 'visit', entityId: id, detail }, ip);
  });
  return getVisit(ctx, actor, id);
}

type ParsedList = Omit<ListVisitsQuery, 'openNeeds' | 'limit' | 'offset'> & {
  openNeeds?: boolean;
  limit: number;
  offset: number;
};

export async function listVisits(ctx: AppContext, actor: Actor, query: ParsedList) {
  const underPath = query.orgUnitId
    ? (await repo.unitById(ctx.db, actor.districtId, query.orgUnitId))?.path
    : undefined;
  if (query.orgUnitId && !underPath) throw E.CAMPAIGN_UNIT_NOT_FOUND();
  const r = await repo.listVisits(ctx.db, {
    districtId: actor.districtId,
    scope: scopeWhere(actor, 'visit', repo.VISIT_COLUMNS),
    ...query,
    underPath,
  });
  return { ...r, items: r.items.map((v) => toVisit(actor, v)) };
}

const KIND_ZH = { old_member: '老党员', needy_member: '困难党员', needy_resident: '困难群众' } as const;
const NEED_ZH = { open: '待办', ordered: '已转工单', referred: '已转介', closed: '已关闭' } as const;
/** The ledger as a workbook: the filter's visits (at most 5,000), names masked to the surname. */
export async function visitsWorkbook(ctx: AppContext, actor: Actor, query: ParsedList) {
  const r = await listVisits(ctx, actor, { ...query, limit: 5000, offset: 0 });
  const rows = r.items.map((v) => ({
    campaign: v.campaignTitle,
    visitedOn: v.visitedOn,
    name: `${v.name.slice(0, 1)}${'*'.repeat(Math.max(1, v.name.length - 1))}`,
    kind: KIND_ZH[v.kind],
    place: v.placeName,
    visitors: v.visitors.join('、'),
    partners: v.partners.join('、'),
    goods: v.goods.map((g) => `${g.name}${g.quantity}${g.unit}`).join('、'),
    goodsYuan: v.goodsYuan,
    moneyYuan: v.moneyYuan,
    needs: v.needs
      .map((n) => `${n.content}（${NEED_ZH[n.status]}${n.workOrderNo ? ` ${n.workOrderNo}` : ''}）`)
      .join('；'),
  }));
  const total = { campaign: '合计', visitedOn: `${r.total} 户次`, goodsYuan: r.goodsYuan, moneyYuan: r.moneyYuan };
  return buildWorkbook([
    tableSheet<(typeof rows)[number]>({
      name: '走访慰问台账',
      columns: [
        { header: '活动', key: 'campaign', width: 28 },
        { header: '走访日期', key: 'visitedOn', width: 12 },
        { header: '走访对象', key: 'name', width: 10 },
        { header: '类别', key: 'kind', width: 10 },
        { header: '住址（小区/村）', key: 'place', width: 16 },
        { header: '走访人', key: 'visitors', width: 20 },
        { header: '联合单位', key: 'partners', width: 24 },
        { header: '慰问品', key: 'goods', width: 24 },
        { header: '慰问品折价（元）', key: 'goodsYuan', width: 12 },
        { header: '慰问金（元）', key: 'moneyYuan', width: 12 },
        { header: '后续需求', key: 'needs', width: 36 },
      ],
      rows: [...rows, total as (typeof rows)[number]],
    }),
  ]);
}

async function openNeed(ctx: AppContext, actor: Actor, id: string) {
  const n = await repo.needForUpdate(ctx.db, actor.districtId, id);
  if (!n) throw E.NEED_NOT_FOUND();
  requireAccess(actor, 'visit', { orgPath: n.org_path }, 'write', { what: '该需求' });
  if (n.status !== 'open') throw E.NEED_NOT_OPEN();
  return n;
}

/** 需求转工单: one step, through createOrder; the need's link is written in the order's own transaction. */
export async function needToOrder(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; categoryId: string; title?: string },
  ip?: string,
): Promise<Visit> {
  const n = await openNeed(ctx, actor, input.id);
  if (!n.compound_id) throw E.NEED_NO_COMPOUND();
  await createOrder(
    ctx,
    actor,
    {
      channel: 'party_household',
      categoryId: input.categoryId,
      title: input.title ?? `走访需求：${n.content.slice(0, 30)}`,
      description: `${n.campaign_title}走访${n.person_name.slice(0, 1)}**时了解到：${n.content}`,
      compoundId: n.compound_id,
      photos: [],
    },
    {
      idempotencyKey: `visitneed-${n.id}`,
      ip,
      alsoWrite: async (tx, orderId) => {
        if (!(await repo.settleNeed(tx, actor.districtId, n.id, { status: 'ordered', workOrderId: orderId })))
          throw E.NEED_NOT_OPEN();
        const detail = { workOrderId: orderId, on: shanghaiDate(new Date()) };
        await writeAudit(
          tx,
          actor,
          { action: 'visit_need.order', entityType: 'visit_need', entityId: n.id, detail },
          ip,
        );
      },
    },
  );
  return getVisit(ctx, actor, n.visit_id);
}

/** 转介: the need goes to a unit outside the work-order flow (民政、医保 …), named here. */
export async function referNeed(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; referredTo: string },
  ip?: string,
): Promise<Visit> {
  const n = await openNeed(ctx, actor, input.id);
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.settleNeed(tx, actor.districtId, n.id, { status: 'referred', referredTo: input.referredTo })))
      throw E.NEED_NOT_OPEN();
    const detail = { referredTo: input.referredTo };
    await writeAudit(tx, actor, { action: 'visit_need.refer', entityType: 'visit_need', entityId: n.id, detail }, ip);
  });
  return getVisit(ctx, actor, n.visit_id);
}
