import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { districts, workUnits } from '../org/org.tables.js';
import { visibilitySql } from '../work-orders/work-orders.service.js';
import { workOrderCategories, workOrderEvents, workOrderLegs, workOrders } from '../work-orders/work-orders.tables.js';

/** Open311's reads over the work-order tables, always within what the caller sees. */
const o = workOrders;

/** The district a public request without `jurisdiction_id` is about: the first (in a one-district deployment, the only) one. */
export async function defaultDistrictId(q: Queryable): Promise<string | null> {
  const [d] = await q
    .select({ id: districts.id })
    .from(districts)
    .orderBy(asc(districts.createdAt), asc(districts.id))
    .limit(1);
  return d?.id ?? null;
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
  ids?: string[];
  serviceCode?: string;
  start?: string;
  end?: string;
  status?: 'open' | 'closed';
}

export function requestsOf(q: Queryable, actor: Actor, f: RequestFilter) {
  const l = workOrderLegs;
  const e = workOrderEvents;
  const where: (SQL | undefined)[] = [
    eq(o.districtId, actor.districtId),
    sql`${o.mergedInto} is null`,
    visibilitySql(actor),
  ];
  if (f.ids) where.push(inArray(o.id, f.ids));
  if (f.serviceCode) where.push(eq(o.categoryId, f.serviceCode));
  if (f.start) where.push(sql`${o.createdAt} >= ${f.start}::timestamptz`);
  if (f.end) where.push(sql`${o.createdAt} <= ${f.end}::timestamptz`);
  if (f.status) where.push(f.status === 'closed' ? sql`${o.status} = 'closed'` : sql`${o.status} <> 'closed'`);
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
      updatedAt: o.updatedAt,
      dueAt: o.dueAt,
      address: o.address,
      compoundId: o.compoundId,
      agency: sql<string | null>`(select string_agg(coalesce(${workUnits.name}, ${l.handlerKind}), '、') from ${l}
        left join ${workUnits} on ${workUnits.districtId} = ${l.districtId} and ${workUnits.id} = ${l.workUnitId}
        where ${l.districtId} = ${o.districtId} and ${l.orderId} = ${o.id})`,
      lastNote: sql<
        string | null
      >`(select ${e.note} from ${e} where ${e.districtId} = ${o.districtId} and ${e.orderId} = ${o.id}
        and ${e.note} is not null order by ${e.id} desc limit 1)`,
    })
    .from(o)
    .innerJoin(
      workOrderCategories,
      and(eq(workOrderCategories.districtId, o.districtId), eq(workOrderCategories.id, o.categoryId)),
    )
    .where(and(...where))
    .orderBy(desc(o.createdAt))
    .limit(1000);
}
export type RequestRow = Awaited<ReturnType<typeof requestsOf>>[number];

export function updatesOf(q: Queryable, actor: Actor, f: { start: string; end?: string; orderId?: string }) {
  const e = workOrderEvents;
  return q
    .select({ id: e.id, orderId: e.orderId, at: e.at, type: e.type, note: e.note, status: o.status })
    .from(e)
    .innerJoin(o, and(eq(o.districtId, e.districtId), eq(o.id, e.orderId)))
    .where(
      and(
        eq(e.districtId, actor.districtId),
        visibilitySql(actor),
        sql`${e.at} >= ${f.start}::timestamptz`,
        f.end ? sql`${e.at} <= ${f.end}::timestamptz` : undefined,
        f.orderId ? eq(e.orderId, f.orderId) : undefined,
      ),
    )
    .orderBy(asc(e.id))
    .limit(1000);
}
