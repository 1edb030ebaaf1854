import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { queryRows, type Queryable } from '../../../db/client.js';
import type { Actor } from '../../access/access.policy.js';
import { scopeWhere } from '../../access/access.records.js';
import { users } from '../../auth/auth.tables.js';
import { orgUnits } from '../../org/org.tables.js';
import { purchaseNeeds, purchaseOrgs } from '../service-purchase.tables.js';

/** The queries of the call's inputs: social organisations, residents' needs, juror accounts. */
export type Org = typeof purchaseOrgs.$inferSelect;

export async function orgOfAccount(q: Queryable, districtId: string, userId: string): Promise<Org | undefined> {
  const [o] = await q
    .select()
    .from(purchaseOrgs)
    .where(and(eq(purchaseOrgs.districtId, districtId), eq(purchaseOrgs.accountUserId, userId)));
  return o;
}

export async function creditCodeTaken(q: Queryable, districtId: string, creditCode: string): Promise<boolean> {
  const [dup] = await q
    .select({ id: purchaseOrgs.id })
    .from(purchaseOrgs)
    .where(and(eq(purchaseOrgs.districtId, districtId), eq(purchaseOrgs.creditCode, creditCode)));
  return !!dup;
}

export async function insertOrg(q: Queryable, org: typeof purchaseOrgs.$inferInsert): Promise<void> {
  await q.insert(purchaseOrgs).values(org);
}

const community = alias(orgUnits, 'c');
const street = alias(orgUnits, 's');

/** The needs the actor may read, newest first, with their community and street. */
export function visibleNeeds(q: Queryable, actor: Actor) {
  return q
    .select({
      id: purchaseNeeds.id,
      communityId: purchaseNeeds.communityId,
      communityName: community.name,
      streetName: street.name,
      title: purchaseNeeds.title,
      description: purchaseNeeds.description,
      category: purchaseNeeds.category,
      residents: purchaseNeeds.residents,
      createdAt: purchaseNeeds.createdAt,
      consultation: sql<{ id: string; title: string; ballots: number } | null>`(select json_build_object('id', c.id,
        'title', c.title, 'ballots', (select count(*)::int from consultation_ballots b
          where b.district_id = c.district_id and b.consultation_id = c.id))
        from consultations c where c.district_id = ${purchaseNeeds.districtId} and c.id = ${purchaseNeeds.consultationId})`,
    })
    .from(purchaseNeeds)
    .innerJoin(
      community,
      and(eq(community.districtId, purchaseNeeds.districtId), eq(community.id, purchaseNeeds.communityId)),
    )
    .innerJoin(street, and(eq(street.districtId, community.districtId), eq(street.id, community.parentId)))
    .where(
      and(
        eq(purchaseNeeds.districtId, actor.districtId),
        scopeWhere(actor, 'need', { orgPath: sql`${purchaseNeeds.orgPath}` }),
      ),
    )
    .orderBy(desc(purchaseNeeds.createdAt), asc(purchaseNeeds.id))
    .limit(500);
}

export async function orgUnit(q: Queryable, districtId: string, id: string) {
  const [u] = await q
    .select({ id: orgUnits.id, kind: orgUnits.kind, path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.id, id)));
  return u;
}

/** A consultation a need may come from: where it asked, whether it has closed, how many answered. */
export async function consultationForNeed(q: Queryable, districtId: string, id: string) {
  const [c] = await queryRows<{ id: string; title: string; orgPath: string; closed: boolean; ballots: number }>(
    q,
    sql`select c.id, c.title, c.org_path as "orgPath",
          (c.closed_early_at is not null or c.closes_at <= now()) as closed,
          (select count(*)::int from consultation_ballots b where b.district_id = c.district_id and b.consultation_id = c.id) as ballots
        from consultations c where c.district_id = ${districtId} and c.id = ${id}`,
  );
  return c;
}

export async function insertNeed(q: Queryable, need: typeof purchaseNeeds.$inferInsert): Promise<void> {
  await q.insert(purchaseNeeds).values(need);
}

/** Juror accounts of the district, for the agent's jury picker. */
export function jurorAccounts(q: Queryable, districtId: string) {
  return q
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.districtId, districtId), eq(users.role, 'juror'), eq(users.isActive, true)))
    .orderBy(asc(users.username));
}
