import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../../db/client.js';
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
