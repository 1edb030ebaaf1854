import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../../db/client.js';
import { containsPattern } from '../../../lib/like.js';
import type { Actor } from '../../access/access.policy.js';
import { orgUnits } from '../../org/org.tables.js';
import { workOrderCategories, workOrderExtensions, workOrderLegs, workOrders } from '../work-orders.tables.js';
import { unsignedSql, visibilitySql, type SummaryRow } from './orders.repository.js';

/**
 * 待办 (box=inbox): what waits for this actor's step. The page is chosen on `work_orders` alone —
 * only open, unmerged orders, through the partial indexes `work_orders_open_*` (open orders are the
 * current workload: they do not pile up the way closed ones do) — and the category, compound and
 * community names are joined onto the 20 rows of the page, never onto every order in scope.
 * The plan is kept in src/server/db/plans/ (plans.test.ts).
 */

/** The role's step (every branch is inside `status <> 'closed'`: a closed order waits for nobody). */
function waitsFor(actor: Actor): SQL {
  const o = workOrders;
  switch (actor.role) {
    case 'grid_worker':
    case 'branch_secretary':
      return sql`${o.status} = 'new'`;
    case 'community_worker':
      return sql`(${o.status} in ('new', 'accepted', 'fulfilled')
        or exists (select 1 from ${workOrderExtensions} where ${workOrderExtensions.districtId} = ${o.districtId}
          and ${workOrderExtensions.orderId} = ${o.id} and ${workOrderExtensions.status} = 'pending'))`;
    case 'department_staff':
      return sql`exists (select 1 from ${workOrderLegs} where ${workOrderLegs.districtId} = ${o.districtId}
        and ${workOrderLegs.orderId} = ${o.id} and ${workOrderLegs.workUnitId} = ${actor.workUnitId ?? ''} and ${workOrderLegs.status} = 'open')`;
    case 'street_staff':
      return sql`(${o.escalationLevel} >= 1 or ${o.isSupervised})`;
    case 'district_admin':
      return sql`(${o.escalationLevel} >= 2 or ${o.isSupervised})`;
    case 'resident':
      // a resident's own requests wait for them until closed: in progress, then their rating
      return sql`${o.status} <> 'closed'`;
    default:
      return sql`true`;
  }
}

export interface InboxFilter {
  actor: Actor;
  q: string;
  compoundId?: string;
  /** 待签收 only (or never) */
  unsigned?: boolean;
  /** Keyset: rows strictly before this (created_at, id). */
  before?: [string, string];
  limit: number;
}

const cp = alias(orgUnits, 'cp');
const cm = alias(orgUnits, 'cm');

/** The inbox page as one statement (a drizzle query; `.toSQL()` gives the text the plan snapshot explains). */
export function inboxQuery(q: Queryable, f: InboxFilter) {
  const o = workOrders;
  const where: (SQL | undefined)[] = [
    eq(o.districtId, f.actor.districtId),
    // the predicate of the partial indexes, spelled the same way
    sql`${o.mergedInto} is null and ${o.status} <> 'closed'`,
    visibilitySql(f.actor),
    waitsFor(f.actor),
  ];
  if (f.compoundId) where.push(eq(o.compoundId, f.compoundId));
  if (f.unsigned !== undefined) where.push(f.unsigned ? unsignedSql(f.actor) : sql`not ${unsignedSql(f.actor)}`);
  if (f.q) where.push(sql`(${o.no} = ${f.q} or ${o.hotlineNo} = ${f.q} or ${o.title} like ${containsPattern(f.q)})`);
  if (f.before) where.push(sql`(${o.createdAt}, ${o.id}) < (${f.before[0]}::timestamptz, ${f.before[1]})`);
  const page = q
    .select({
      districtId: o.districtId,
      id: o.id,
      no: o.no,
      hotlineNo: o.hotlineNo,
      channel: o.channel,
      categoryId: o.categoryId,
      title: o.title,
      compoundId: o.compoundId,
      status: o.status,
      escalationLevel: o.escalationLevel,
      dueAt: o.dueAt,
      createdAt: o.createdAt,
      rating: o.rating,
      possibleDuplicateOf: o.possibleDuplicateOf,
      version: o.version,
    })
    .from(o)
    .where(and(...where))
    .orderBy(desc(o.createdAt), desc(o.id))
    .limit(f.limit)
    .as('page');
  const c = workOrderCategories;
  return q
    .select({
      id: page.id,
      no: page.no,
      hotlineNo: page.hotlineNo,
      channel: page.channel,
      categoryName: sql<string>`coalesce(${c.name}, ${page.categoryId})`,
      title: page.title,
      compoundName: cp.name,
      communityName: cm.name,
      status: page.status,
      escalationLevel: page.escalationLevel,
      dueAt: page.dueAt,
      createdAt: page.createdAt,
      rating: page.rating,
      possibleDuplicateOf: page.possibleDuplicateOf,
      version: page.version,
    })
    .from(page)
    .leftJoin(c, and(eq(c.districtId, page.districtId), eq(c.id, page.categoryId)))
    .innerJoin(cp, and(eq(cp.districtId, page.districtId), eq(cp.id, page.compoundId)))
    .innerJoin(cm, and(eq(cm.districtId, cp.districtId), eq(cm.id, cp.parentId)))
    .orderBy(desc(page.createdAt), desc(page.id));
}

export function listInbox(q: Queryable, f: InboxFilter): Promise<SummaryRow[]> {
  return inboxQuery(q, f);
}
