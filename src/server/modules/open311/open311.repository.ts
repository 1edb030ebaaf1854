import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { buildings, districts, orgUnits, workUnits } from '../org/org.tables.js';
import { placeLocations } from '../stations/stations.tables.js';
import { visibilitySql } from '../work-orders/work-orders.service.js';
import { workOrderCategories, workOrderEvents, workOrderLegs, workOrders } from '../work-orders/work-orders.tables.js';
import { open311Requests } from './open311.tables.js';

/** Open311's reads over the work-order tables, always within what the caller sees. */
const o = workOrders;
const cp = alias(orgUnits, 'cp');
const cm = alias(orgUnits, 'cm');

/** The districts this deployment serves (the jurisdictions), oldest first. */
export function jurisdictions(q: Queryable) {
  return q.select({ id: districts.id }).from(districts).orderBy(asc(districts.createdAt), asc(districts.id)).limit(2);
}

export async function jurisdictionExists(q: Queryable, id: string): Promise<boolean> {
  const [d] = await q.select({ id: districts.id }).from(districts).where(eq(districts.id, id));
  return !!d;
}

export function servicesOf(q: Queryable, districtId: string) {
  return q
    .select()
    .from(workOrderCategories)
    .where(eq(workOrderCategories.districtId, districtId))
    .orderBy(asc(workOrderCategories.id));
}

export async function serviceOf(q: Queryable, districtId: string, code: string) {
  const [c] = await q
    .select()
    .from(workOrderCategories)
    .where(and(eq(workOrderCategories.districtId, districtId), eq(workOrderCategories.id, code)));
  return c;
}

export interface RequestFilter {
  /** service_request_id: when given, the only filter (the spec: it overrides all other arguments). */
  ids?: string[];
  serviceCodes?: string[];
  start?: Date;
  end?: Date;
  statuses?: ('open' | 'closed')[];
}

/**
 * Who is responsible, in words: a department by its name, the property company by the compound's
 * company name, the owners' committee and the community by what they are. An order nobody has been
 * sent to yet is the community's (it accepts every order first).
 */
const agencySql = (l: typeof workOrderLegs) => sql<string>`coalesce((select string_agg(distinct
  case ${l.handlerKind}
    when 'department' then coalesce(${workUnits.name}, '职能部门')
    when 'property' then coalesce(${cp.propertyCompany}, '物业服务企业')
    when 'owners_committee' then case ${cp.ownersCommittee} when 'property_committee' then '物业管理委员会' else '业主委员会' end
    else ${cm.name} end, '、')
  from ${l} left join ${workUnits} on ${workUnits.districtId} = ${l.districtId} and ${workUnits.id} = ${l.workUnitId}
  where ${l.districtId} = ${o.districtId} and ${l.orderId} = ${o.id}), ${cm.name})`;

export function requestsOf(q: Queryable, actor: Actor, f: RequestFilter) {
  const l = workOrderLegs;
  const e = workOrderEvents;
  const loc = placeLocations;
  const where: (SQL | undefined)[] = [
    eq(o.districtId, actor.districtId),
    sql`${o.mergedInto} is null`,
    sql`${o.createdAt} <= now()`,
    visibilitySql(actor),
  ];
  if (f.ids) where.push(inArray(o.id, f.ids));
  else {
    if (f.serviceCodes) where.push(inArray(o.categoryId, f.serviceCodes));
    if (f.start) where.push(sql`${o.createdAt} >= ${f.start.toISOString()}::timestamptz`);
    if (f.end) where.push(sql`${o.createdAt} <= ${f.end.toISOString()}::timestamptz`);
    if (f.statuses && f.statuses.length === 1)
      where.push(f.statuses[0] === 'closed' ? sql`${o.status} = 'closed'` : sql`${o.status} <> 'closed'`);
  }
  return q
    .select({
      id: o.id,
      no: o.no,
      status: o.status,
      categoryId: o.categoryId,
      categoryName: workOrderCategories.name,
      description: o.description,
      title: o.title,
      createdAt: o.createdAt,
      // the last thing that happened to it up to now (demo timelines may hold planned future steps)
      updatedAt: sql<Date>`coalesce((select max(${e.at}) from ${e} where ${e.districtId} = ${o.districtId}
        and ${e.orderId} = ${o.id} and ${e.at} <= now()), ${o.createdAt})`.mapWith((v: string | Date) => new Date(v)),
      dueAt: o.dueAt,
      address: sql<string>`coalesce(${o.address}, ${cp.address}, ${cp.name})`,
      compoundId: o.compoundId,
      lat: loc.lat,
      long: loc.lng,
      mediaUrl: open311Requests.mediaUrl,
      agency: agencySql(l),
      lastNote: sql<string | null>`(select ${e.note} from ${e} where ${e.districtId} = ${o.districtId}
        and ${e.orderId} = ${o.id} and ${e.at} <= now() and ${e.note} is not null order by ${e.at} desc, ${e.id} desc limit 1)`,
    })
    .from(o)
    .innerJoin(
      workOrderCategories,
      and(eq(workOrderCategories.districtId, o.districtId), eq(workOrderCategories.id, o.categoryId)),
    )
    .innerJoin(cp, and(eq(cp.districtId, o.districtId), eq(cp.id, o.compoundId)))
    .leftJoin(cm, and(eq(cm.districtId, cp.districtId), eq(cm.id, cp.parentId)))
    .leftJoin(loc, and(eq(loc.districtId, o.districtId), eq(loc.kind, 'compound'), eq(loc.entityId, o.compoundId)))
    .leftJoin(open311Requests, and(eq(open311Requests.districtId, o.districtId), eq(open311Requests.orderId, o.id)))
    .where(and(...where))
    .orderBy(desc(o.createdAt), asc(o.id))
    .limit(1000);
}
export type RequestRow = Awaited<ReturnType<typeof requestsOf>>[number];

export function updatesOf(q: Queryable, actor: Actor, f: { start: Date; end?: Date; orderId?: string }) {
  const e = workOrderEvents;
  return q
    .select({
      id: e.id,
      orderId: e.orderId,
      at: e.at,
      type: e.type,
      note: e.note,
      actorName: e.actorName,
      closedAt: o.closedAt,
      status: o.status,
    })
    .from(e)
    .innerJoin(o, and(eq(o.districtId, e.districtId), eq(o.id, e.orderId)))
    .where(
      and(
        eq(e.districtId, actor.districtId),
        visibilitySql(actor),
        sql`${e.at} <= now()`,
        f.orderId ? eq(e.orderId, f.orderId) : sql`${e.at} >= ${f.start.toISOString()}::timestamptz`,
        f.end ? sql`${e.at} <= ${f.end.toISOString()}::timestamptz` : undefined,
      ),
    )
    .orderBy(asc(e.at), asc(e.id))
    .limit(1000);
}

/** The compound nearest to a point (metres on a local flat projection), if one lies within `maxMetres`. */
export async function nearestCompound(q: Queryable, d: string, lat: number, long: number, maxMetres: number) {
  const loc = placeLocations;
  const metres = sql<number>`111320 * sqrt(power(${loc.lat} - ${lat}, 2)
    + power((${loc.lng} - ${long}) * cos(radians(${lat})), 2))`;
  const [row] = await q
    .select({ id: loc.entityId, metres })
    .from(loc)
    .innerJoin(cp, and(eq(cp.districtId, loc.districtId), eq(cp.id, loc.entityId), eq(cp.kind, 'compound')))
    .where(and(eq(loc.districtId, d), eq(loc.kind, 'compound')))
    .orderBy(metres)
    .limit(1);
  return row && row.metres <= maxMetres ? row.id : undefined;
}

/** The compound (and building) whose name the free-text address contains; the longest name wins. */
export async function compoundByAddress(q: Queryable, d: string, address: string) {
  const [c] = await q
    .select({ id: cp.id, name: cp.name })
    .from(cp)
    .where(
      and(
        eq(cp.districtId, d),
        eq(cp.kind, 'compound'),
        sql`(position(${cp.name} in ${address}) > 0 or position(${cp.shortName} in ${address}) > 0)`,
      ),
    )
    .orderBy(sql`greatest(length(${cp.name}), length(${cp.shortName})) desc`, asc(cp.id))
    .limit(1);
  if (!c) return undefined;
  const [b] = await q
    .select({ id: buildings.id })
    .from(buildings)
    .where(
      and(
        eq(buildings.districtId, d),
        eq(buildings.compoundId, c.id),
        sql`position(${buildings.name} in ${address}) > 0`,
      ),
    )
    .orderBy(sql`length(${buildings.name}) desc`, asc(buildings.id))
    .limit(1);
  return { compoundId: c.id, buildingId: b?.id };
}

/** An address_id: a compound id (what GET requests returns) or a building id. */
export async function placeById(q: Queryable, d: string, id: string) {
  const [c] = await q
    .select({ id: cp.id })
    .from(cp)
    .where(and(eq(cp.districtId, d), eq(cp.id, id), eq(cp.kind, 'compound')));
  if (c) return { compoundId: c.id, buildingId: undefined };
  const [b] = await q
    .select({ id: buildings.id, compoundId: buildings.compoundId })
    .from(buildings)
    .where(and(eq(buildings.districtId, d), eq(buildings.id, id)));
  return b ? { compoundId: b.compoundId, buildingId: b.id } : undefined;
}

export async function insertOpen311Request(q: Queryable, row: typeof open311Requests.$inferInsert): Promise<void> {
  await q.insert(open311Requests).values(row).onConflictDoNothing();
}
