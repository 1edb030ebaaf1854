import { and, asc, count, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../../db/client.js';
import type { Actor } from '../../access/access.policy.js';
import { scopeWhere } from '../../access/access.records.js';
import { orgUnits } from '../../org/org.tables.js';
import { PurchaseErrors as E } from '../service-purchase.errors.js';
import {
  purchaseContracts,
  purchaseDeliveries,
  purchaseMilestones,
  purchaseOrgs,
  purchaseProposals,
} from '../service-purchase.tables.js';

/** The queries of service contracts (服务合同): the list with delivery totals, milestones, activities. */
export type Contract = typeof purchaseContracts.$inferSelect;
export type Milestone = typeof purchaseMilestones.$inferSelect;

export interface ContractRow {
  id: string;
  no: string;
  round_id: string;
  proposal_id: string;
  title: string;
  org_name: string;
  buyer_name: string;
  buyer_kind: 'street' | 'township';
  amount_cents: number;
  released_cents: number;
  status: 'pending' | 'signed' | 'completed';
  signed_at: Date | null;
  activities: number;
  beneficiaries: number;
  evaluation_grade: string | null;
  version: number;
}

const CONTRACT_SELECT = sql`select x.id, x.no, x.round_id, x.proposal_id, x.title, o.name as org_name, x.buyer_name, x.buyer_kind, x.amount_cents::float8 as amount_cents,
    coalesce((select sum(m.tranche_cents) from ${purchaseMilestones} m where m.district_id = x.district_id and m.contract_id = x.id and m.released_at is not null), 0)::float8 as released_cents,
    x.status, x.signed_at, (select count(*)::int from ${purchaseDeliveries} dl where dl.district_id = x.district_id and dl.contract_id = x.id) as activities,
    (select coalesce(sum(dl.beneficiaries), 0)::int from ${purchaseDeliveries} dl where dl.district_id = x.district_id and dl.contract_id = x.id) as beneficiaries,
    x.evaluation_grade, x.version
  from ${purchaseContracts} x join ${purchaseOrgs} o on o.district_id = x.district_id and o.id = x.org_id`;

/** The columns the access rule's list predicate reads, on the `x` alias. */
const CONTRACT_COLUMNS = { districtId: sql`x.district_id`, orgId: sql`x.org_id`, targetPaths: sql`x.target_paths` };

export function visibleContractRows(q: Queryable, actor: Actor, roundId: string | undefined): Promise<ContractRow[]> {
  const where: SQL[] = [sql`x.district_id = ${actor.districtId}`, scopeWhere(actor, 'contract', CONTRACT_COLUMNS)];
  if (roundId) where.push(sql`x.round_id = ${roundId}`);
  return queryRows<ContractRow>(
    q,
    sql`${CONTRACT_SELECT} where ${sql.join(where, sql` and `)} order by x.buyer_name, x.no limit 1000`,
  );
}

export async function contractRow(q: Queryable, districtId: string, id: string): Promise<ContractRow> {
  const [row] = await queryRows<ContractRow>(
    q,
    sql`${CONTRACT_SELECT} where x.district_id = ${districtId} and x.id = ${id}`,
  );
  return row!;
}

const contractKey = (districtId: string, id: string) =>
  and(eq(purchaseContracts.districtId, districtId), eq(purchaseContracts.id, id));

export async function loadContract(q: Queryable, districtId: string, id: string, lock = false): Promise<Contract> {
  const rows = lock
    ? await q.select().from(purchaseContracts).where(contractKey(districtId, id)).for('update')
    : await q.select().from(purchaseContracts).where(contractKey(districtId, id));
  if (!rows[0]) throw E.CONTRACT_NOT_FOUND();
  return rows[0];
}

export function milestoneRows(q: Queryable, districtId: string, contractId: string) {
  return q
    .select()
    .from(purchaseMilestones)
    .where(and(eq(purchaseMilestones.districtId, districtId), eq(purchaseMilestones.contractId, contractId)))
    .orderBy(asc(purchaseMilestones.seq));
}

export function deliveryRows(q: Queryable, districtId: string, contractId: string) {
  return q
    .select({
      id: purchaseDeliveries.id,
      communityName: orgUnits.name,
      heldOn: purchaseDeliveries.heldOn,
      title: purchaseDeliveries.title,
      beneficiaries: purchaseDeliveries.beneficiaries,
      note: purchaseDeliveries.note,
    })
    .from(purchaseDeliveries)
    .innerJoin(
      orgUnits,
      and(eq(orgUnits.districtId, purchaseDeliveries.districtId), eq(orgUnits.id, purchaseDeliveries.communityId)),
    )
    .where(and(eq(purchaseDeliveries.districtId, districtId), eq(purchaseDeliveries.contractId, contractId)))
    .orderBy(desc(purchaseDeliveries.heldOn), asc(purchaseDeliveries.id));
}

/** The communities a contract's project serves (from its proposal). */
export function targetCommunities(q: Queryable, districtId: string, proposalId: string) {
  return queryRows<{ id: string; name: string }>(
    q,
    sql`select u.id, u.name from ${purchaseProposals} p
    join ${orgUnits} u on u.district_id = p.district_id and u.id = any(p.target_community_ids) where p.district_id = ${districtId} and p.id = ${proposalId} order by u.id`,
  );
}

export async function targetCommunityIds(q: Queryable, districtId: string, proposalId: string): Promise<string[]> {
  const [p] = await q
    .select({ ids: purchaseProposals.targetCommunityIds })
    .from(purchaseProposals)
    .where(and(eq(purchaseProposals.districtId, districtId), eq(purchaseProposals.id, proposalId)));
  return p?.ids ?? [];
}

export async function insertMilestones(
  q: Queryable,
  milestones: (typeof purchaseMilestones.$inferInsert)[],
): Promise<void> {
  await q.insert(purchaseMilestones).values(milestones);
}

export async function lockMilestone(q: Queryable, districtId: string, contractId: string, milestoneId: string) {
  const [m] = await q
    .select()
    .from(purchaseMilestones)
    .where(
      and(
        eq(purchaseMilestones.districtId, districtId),
        eq(purchaseMilestones.contractId, contractId),
        eq(purchaseMilestones.id, milestoneId),
      ),
    )
    .for('update');
  if (!m) throw E.MILESTONE_NOT_FOUND();
  return m;
}

export async function updateMilestone(
  q: Queryable,
  districtId: string,
  id: string,
  set: Partial<typeof purchaseMilestones.$inferInsert>,
): Promise<void> {
  await q
    .update(purchaseMilestones)
    .set(set)
    .where(and(eq(purchaseMilestones.districtId, districtId), eq(purchaseMilestones.id, id)));
}

export async function openMilestones(q: Queryable, districtId: string, contractId: string): Promise<number> {
  const [open] = await q
    .select({ n: count() })
    .from(purchaseMilestones)
    .where(
      and(
        eq(purchaseMilestones.districtId, districtId),
        eq(purchaseMilestones.contractId, contractId),
        ne(purchaseMilestones.status, 'accepted'),
      ),
    );
  return open!.n;
}

export async function insertDelivery(q: Queryable, delivery: typeof purchaseDeliveries.$inferInsert): Promise<void> {
  await q.insert(purchaseDeliveries).values(delivery);
}
