import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { requireState } from '../../lib/errors.js';
import { shanghaiMonth } from '../../lib/time.js';
import { versionedUpdate } from '../../lib/versioned.js';
import { writeAudit } from '../audit/audit.service.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess, requireAccess, scopeWhere } from '../access/access.records.js';
import {
  CLUSTER_MIN_ORDERS,
  CLUSTER_SIMILARITY,
  EFFECT_MONTHS,
  HOTSPOT_MIN_MONTHS,
  HOTSPOT_MONTHS,
} from '../../../shared/assessment.constants.js';
import type {
  Hotspot,
  HotspotList,
  Topic,
  TopicActionInput,
  TopicActionPatch,
  TopicDetail,
  TopicInput,
  TopicList,
  TopicPatch,
} from '../../../shared/topics.schema.js';
import { E } from './assessment.errors.js';
import { governanceTopicActions, governanceTopics } from './assessment.tables.js';
import { addMonths, clusterTitles, monthRange, recurring, topicEffect } from './topics.compute.js';
import * as repo from './topics.repository.js';

/**
 * 每月一题 / 未诉先办. Each month the recurring problems are computed from the orders (the same category in
 * one compound or one community in several of the last months; clusters of similar titles); the district
 * picks some as 治理课题 with pilot compounds, actions and owners, and the effect is read off the following
 * months' orders: the pilots' orders of the category before and after, beside the other compounds'.
 */
const TITLE_MONTHS = 3;
const TITLE_LIMIT = 3000;
const LIST_LIMIT = 30;

const communityOf = (path: string) => path.split('/').filter(Boolean).slice(0, 3).join('/') + '/';
const rootOf = (path: string) => path.split('/')[0] + '/';

export async function listHotspots(ctx: AppContext, actor: Actor, monthArg: string): Promise<HotspotList> {
  const d = actor.districtId;
  const months = monthRange(addMonths(monthArg, -(HOTSPOT_MONTHS - 1)), monthArg);
  const scope = scopeWhere(actor, 'workOrder', repo.orderScopeColumns);
  const counts = await repo.compoundMonthCounts(ctx.db, d, months[0]!, monthArg, scope);
  const categories = await repo.categoryNames(ctx.db, d);
  const items: Hotspot[] = [];

  const byCompound = recurring(
    counts.map((c) => ({ place: c.compound_id, categoryId: c.category_id, month: c.month, n: c.n })),
    months,
    HOTSPOT_MIN_MONTHS,
  ).slice(0, LIST_LIMIT);
  // a community's recurring problem spread over several compounds (a single compound's is listed as that compound)
  const compoundsOf = new Map<string, Set<string>>();
  for (const c of counts) {
    const key = `${communityOf(c.org_path)}\u0000${c.category_id}`;
    compoundsOf.set(key, (compoundsOf.get(key) ?? new Set()).add(c.compound_id));
  }
  const byCommunity = recurring(
    counts.map((c) => ({ place: communityOf(c.org_path), categoryId: c.category_id, month: c.month, n: c.n })),
    months,
    HOTSPOT_MIN_MONTHS,
  )
    .filter((r) => compoundsOf.get(`${r.place}\u0000${r.categoryId}`)!.size > 1)
    .slice(0, LIST_LIMIT);
  const compoundNames = await repo.orgNames(
    ctx.db,
    d,
    byCompound.map((r) => r.place),
  );
  const communityNames = await repo.orgNamesByPath(
    ctx.db,
    d,
    byCommunity.map((r) => r.place),
  );
  const recurringItem = (kind: 'compound' | 'community', r: (typeof byCompound)[number], label: string) => ({
    kind,
    key: `${r.place}|${r.categoryId}`,
    label,
    categoryId: r.categoryId,
    categoryName: categories.get(r.categoryId) ?? r.categoryId,
    compoundIds: kind === 'compound' ? [r.place] : [...compoundsOf.get(`${r.place}\u0000${r.categoryId}`)!].sort(),
    trend: r.trend,
    total: r.total,
    monthsWithOrders: r.months,
    sampleTitles: [],
    topicId: null,
  });
  for (const r of byCompound) items.push(recurringItem('compound', r, compoundNames.get(r.place) ?? r.place));
  for (const r of byCommunity) items.push(recurringItem('community', r, communityNames.get(r.place) ?? r.place));

  const titleMonths = months.slice(-TITLE_MONTHS);
  const titled = await repo.titledOrders(ctx.db, d, titleMonths[0]!, monthArg, scope, TITLE_LIMIT);
  const clusters = clusterTitles(
    titled.map((r) => ({ ...r, compoundId: r.compound_id, categoryId: r.category_id })),
    CLUSTER_SIMILARITY,
  )
    .filter((c) => c.members.length >= CLUSTER_MIN_ORDERS && c.members.some((m) => m.month === monthArg))
    .sort((x, y) => y.members.length - x.members.length || (x.leader.id < y.leader.id ? -1 : 1))
    .slice(0, LIST_LIMIT);
  for (const c of clusters) {
    const byCategory = new Map<string, number>();
    for (const m of c.members) byCategory.set(m.categoryId, (byCategory.get(m.categoryId) ?? 0) + 1);
    const categoryId = [...byCategory].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]![0];
    const trend = months.map((m) => c.members.filter((x) => x.month === m).length);
    items.push({
      kind: 'cluster',
      key: c.leader.title,
      label: c.leader.title,
      categoryId,
      categoryName: categories.get(categoryId) ?? categoryId,
      compoundIds: [...new Set(c.members.map((m) => m.compoundId))].sort(),
      trend,
      total: c.members.length,
      monthsWithOrders: trend.filter((n) => n > 0).length,
      sampleTitles: [...new Set(c.members.map((m) => m.title))].slice(0, 5),
      topicId: null,
    });
  }
  const sources = await repo.topicSources(ctx.db, d);
  for (const item of items) item.topicId = sources.get(`${item.kind}|${item.key}`) ?? null;
  return { month: monthArg, months, items };
}

async function dtos(ctx: AppContext, actor: Actor, rows: repo.TopicRow[]): Promise<Topic[]> {
  const d = actor.districtId;
  const actions = await repo.actionsOf(
    ctx.db,
    d,
    rows.map((r) => r.id),
  );
  const names = await repo.orgNames(ctx.db, d, [...new Set(rows.flatMap((r) => r.pilotCompoundIds))]);
  const categories = await repo.categoryNames(ctx.db, d);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    categoryId: r.categoryId,
    categoryName: categories.get(r.categoryId) ?? r.categoryId,
    sourceKind: r.sourceKind,
    sourceKey: r.sourceKey,
    startMonth: r.startMonth,
    pilotCompounds: r.pilotCompoundIds.map((id) => ({ id, name: names.get(id) ?? id })),
    owners: r.owners,
    status: r.status,
    actions: actions
      .filter((x) => x.topicId === r.id)
      .map((x) => ({
        id: x.id,
        title: x.title,
        owner: x.owner,
        dueDate: x.dueDate,
        status: x.status,
        version: x.version,
      })),
    version: r.version,
    can: { manage: canAccess(actor, 'topic', r, 'manage') },
  }));
}

export async function listTopics(ctx: AppContext, actor: Actor): Promise<TopicList> {
  const rows = await repo.listTopics(ctx.db, actor.districtId, scopeWhere(actor, 'topic', repo.topicColumns));
  return {
    items: await dtos(ctx, actor, rows),
    pilotCompoundCount: new Set(rows.flatMap((r) => r.pilotCompoundIds)).size,
  };
}

async function loadTopic(ctx: AppContext, actor: Actor, id: string) {
  const row = await repo.topicById(ctx.db, actor.districtId, id);
  if (!row) throw E.TOPIC_NOT_FOUND();
  requireAccess(actor, 'topic', row);
  return row;
}

export async function getTopic(ctx: AppContext, actor: Actor, id: string, now = new Date()): Promise<TopicDetail> {
  const row = await loadTopic(ctx, actor, id);
  const [topic] = await dtos(ctx, actor, [row]);
  const counts = await repo.effectCounts(ctx.db, actor.districtId, {
    categoryId: row.categoryId,
    pilots: row.pilotCompoundIds,
    first: addMonths(row.startMonth, -EFFECT_MONTHS),
    last: addMonths(row.startMonth, EFFECT_MONTHS - 1),
    orgPath: row.orgPath,
  });
  return { topic: topic!, effect: topicEffect(counts, row.startMonth, EFFECT_MONTHS, shanghaiMonth(now)) };
}

async function checkInput(ctx: AppContext, actor: Actor, input: { categoryId?: string; pilotCompoundIds?: string[] }) {
  if (input.categoryId !== undefined)
    requireState((await repo.categoryNames(ctx.db, actor.districtId)).has(input.categoryId), E.TOPIC_CATEGORY_UNKNOWN);
  if (input.pilotCompoundIds) {
    const found = await repo.compoundIds(ctx.db, actor.districtId, input.pilotCompoundIds);
    requireState(found.length === new Set(input.pilotCompoundIds).size, E.TOPIC_PILOT_UNKNOWN);
  }
}

/** Picks a candidate as a theme: one topic per candidate, at the district root, audited. */
export async function createTopic(ctx: AppContext, actor: Actor, input: TopicInput, ip?: string) {
  const orgPath = rootOf(actor.scopePath);
  requireAccess(actor, 'topic', { orgPath }, 'manage');
  await checkInput(ctx, actor, input);
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    requireState(!(await repo.topicBySource(tx, actor.districtId, input.sourceKind, input.sourceKey)), E.TOPIC_EXISTS);
    await repo.insertTopic(tx, {
      districtId: actor.districtId,
      id,
      ...input,
      pilotCompoundIds: [...new Set(input.pilotCompoundIds)],
      orgPath,
      status: 'active',
      createdBy: actor.userId,
    });
    await writeAudit(
      tx,
      actor,
      { action: 'assessment.topic_created', entityType: 'governance_topic', entityId: id, detail: { ...input } },
      ip,
    );
  });
  return getTopic(ctx, actor, id);
}

const lockTopic = (actor: Actor, id: string) => async (tx: Parameters<typeof repo.topicById>[0]) => {
  const row = await repo.topicById(tx, actor.districtId, id, true);
  if (!row) throw E.TOPIC_NOT_FOUND();
  requireAccess(actor, 'topic', row, 'manage');
  return row;
};

export async function updateTopic(ctx: AppContext, actor: Actor, id: string, patch: TopicPatch, ip?: string) {
  await checkInput(ctx, actor, patch);
  const { version, ...set } = patch;
  await versionedUpdate(ctx.db, {
    table: governanceTopics,
    id,
    actor,
    ip,
    expectedVersion: version,
    load: lockTopic(actor, id),
    conflict: () => E.TOPIC_CONFLICT(),
    apply: async () => ({
      set,
      audit: { action: 'assessment.topic_updated', entityType: 'governance_topic', entityId: id, detail: set },
    }),
  });
  return getTopic(ctx, actor, id);
}

/** Adds an action; the topic's version moves (the action is part of the topic). */
export async function addAction(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: TopicActionInput & { version: number },
  ip?: string,
) {
  const { version, ...values } = input;
  const actionId = randomUUID();
  await versionedUpdate(ctx.db, {
    table: governanceTopics,
    id,
    actor,
    ip,
    expectedVersion: version,
    load: lockTopic(actor, id),
    conflict: () => E.TOPIC_CONFLICT(),
    apply: async (tx, row) => {
      requireState(row.status === 'active', E.TOPIC_CLOSED);
      await repo.insertTopicAction(tx, {
        districtId: actor.districtId,
        id: actionId,
        topicId: id,
        ...values,
        status: 'planned',
      });
      return {
        set: null,
        audit: {
          action: 'assessment.topic_action_added',
          entityType: 'governance_topic',
          entityId: id,
          detail: { actionId, ...values },
        },
      };
    },
  });
  return getTopic(ctx, actor, id);
}

export async function updateAction(
  ctx: AppContext,
  actor: Actor,
  id: string,
  actionId: string,
  patch: TopicActionPatch,
  ip?: string,
) {
  const { version, ...set } = patch;
  await ctx.db.transaction(async (tx) => {
    await lockTopic(actor, id)(tx);
    await versionedUpdate(tx, {
      table: governanceTopicActions,
      id: actionId,
      actor,
      ip,
      expectedVersion: version,
      load: async (t2) => {
        const row = await repo.actionById(t2, actor.districtId, id, actionId);
        if (!row) throw E.TOPIC_ACTION_NOT_FOUND();
        return row;
      },
      conflict: () => E.TOPIC_CONFLICT(),
      apply: async () => ({
        set,
        audit: {
          action: 'assessment.topic_action_updated',
          entityType: 'governance_topic',
          entityId: id,
          detail: { actionId, ...set },
        },
      }),
    });
  });
  return getTopic(ctx, actor, id);
}
