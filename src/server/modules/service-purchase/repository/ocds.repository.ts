import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../../db/client.js';
import { users } from '../../auth/auth.tables.js';
import { orgUnits } from '../../org/org.tables.js';
import {
  purchaseContracts,
  purchaseDeliveries,
  purchaseMilestones,
  purchaseNeeds,
  purchaseObjections,
  purchaseOrgs,
  purchaseProposals,
  purchaseRecusals,
  purchaseRounds,
  purchaseScores,
} from '../service-purchase.tables.js';
import type { Round } from './rounds.repository.js';
import { amendmentRows } from './amendments.repository.js';

/** What a round's OCDS release package publishes, read in the round's own district (the feed is public). */
export interface OcdsProposalRow {
  id: string;
  no: string;
  title: string;
  org_id: string;
  org_name: string;
  credit_code: string;
  budget_cents: number;
  status: string;
  screening: string | null;
  final_score: number | null;
  rank: number | null;
  result: string | null;
  submitted_at: Date;
}
export interface OcdsContractRow {
  id: string;
  proposal_id: string;
  title: string;
  buyer_unit_id: string;
  buyer_name: string;
  /** today's name of the unit the signatory is linked to (its successor when the signatory's 2020 name differs) */
  buyer_unit_name: string | null;
  amount_cents: number;
  status: string;
  signed_at: Date | null;
  period_start: string | null;
  period_end: string | null;
  evaluation_score: number | null;
  evaluation_grade: string | null;
  evaluation_comment: string | null;
  evaluated_at: Date | null;
  org_id: string;
  org_name: string;
  credit_code: string;
}

export interface OcdsMilestoneRow {
  id: string;
  contract_id: string;
  seq: number;
  title: string;
  due_on: string;
  tranche_cents: number;
  status: string;
  released_at: Date | null;
  evidence_at: Date | null;
}

export async function ocdsSources(q: Queryable, round: Round) {
  const d = round.districtId;
  const roundId = round.id;
  const [district] = await q
    .select({ name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, d), eq(orgUnits.id, d)));
  const [agent] = await q
    .select({ displayName: users.displayName })
    .from(users)
    .where(and(eq(users.districtId, d), eq(users.id, round.createdBy ?? '')));
  const needs = await queryRows<{ title: string; community: string; residents: number; created_at: Date }>(
    q,
    sql`select n.title, c.name as community, n.residents, n.created_at from ${purchaseNeeds} n
    join ${orgUnits} c on c.district_id = n.district_id and c.id = n.community_id where n.district_id = ${d} and n.created_at <= ${round.publishedAt ?? new Date()} order by n.created_at limit 200`,
  );
  const proposals = await queryRows<OcdsProposalRow>(
    q,
    sql`select p.id, p.no, p.title, p.org_id, o.name as org_name, o.credit_code, p.budget_cents::float8 as budget_cents, p.status,
    p.screening, p.final_score, p.rank, p.result, p.submitted_at from ${purchaseProposals} p join ${purchaseOrgs} o on o.district_id = p.district_id and o.id = p.org_id
    where p.district_id = ${d} and p.round_id = ${roundId} order by p.no`,
  );
  const contracts = await queryRows<OcdsContractRow>(
    q,
    sql`select c.id, c.proposal_id, c.title, c.buyer_unit_id, c.buyer_name, bu.name as buyer_unit_name, c.amount_cents::float8 as amount_cents, c.status, c.signed_at,
    c.period_start::text as period_start, c.period_end::text as period_end, c.evaluation_score, c.evaluation_grade, c.evaluation_comment, c.evaluated_at, c.org_id, o.name as org_name, o.credit_code
    from ${purchaseContracts} c join ${purchaseOrgs} o on o.district_id = c.district_id and o.id = c.org_id
    left join ${orgUnits} bu on bu.district_id = c.district_id and bu.id = c.buyer_unit_id where c.district_id = ${d} and c.round_id = ${roundId} and c.status <> 'pending' order by c.no`,
  );
  const milestones = await queryRows<OcdsMilestoneRow>(
    q,
    sql`
    select m.id, m.contract_id, m.seq, m.title, m.due_on::text as due_on, m.tranche_cents::float8 as tranche_cents, m.status, m.released_at, m.evidence_at
    from ${purchaseMilestones} m join ${purchaseContracts} c on c.district_id = m.district_id and c.id = m.contract_id where m.district_id = ${d} and c.round_id = ${roundId} order by m.contract_id, m.seq`,
  );
  // per contract and day, so each implementation release counts only what was delivered by its date
  const delivery = await queryRows<{ contract_id: string; held_on: string; activities: number; beneficiaries: number }>(
    q,
    sql`
    select dl.contract_id, dl.held_on::text as held_on, count(*)::int as activities, sum(dl.beneficiaries)::int as beneficiaries from ${purchaseDeliveries} dl
    join ${purchaseContracts} c on c.district_id = dl.district_id and c.id = dl.contract_id where dl.district_id = ${d} and c.round_id = ${roundId}
    group by dl.contract_id, dl.held_on order by dl.contract_id, dl.held_on`,
  );
  const objections = await queryRows<{ id: string; proposal_id: string; answered_at: Date }>(
    q,
    sql`select ob.id, ob.proposal_id, ob.answered_at from ${purchaseObjections} ob
    where ob.district_id = ${d} and ob.round_id = ${roundId} and ob.upheld and ob.proposal_id is not null and ob.answered_at is not null
    order by ob.answered_at`,
  );
  const means = await queryRows<{ proposal_id: string; key: string; mean: number; n: number }>(
    q,
    sql`
    select s.proposal_id, k.key, avg((s.scores ->> k.key)::float8) as mean, count(*)::int as n from ${purchaseScores} s
    cross join lateral jsonb_object_keys(s.scores) as k(key)
    where s.district_id = ${d} and s.round_id = ${roundId} and s.is_current
      and not exists (select 1 from ${purchaseRecusals} r where r.district_id = s.district_id and r.proposal_id = s.proposal_id and r.juror_user_id = s.juror_user_id)
    group by s.proposal_id, k.key`,
  );
  return {
    districtName: district?.name ?? d,
    agentName: agent?.displayName ?? null,
    needs,
    proposals,
    contracts,
    milestones,
    delivery,
    objections,
    means,
    amendments: await amendmentRows(q, d, roundId),
  };
}

/** Every published round (any district): the OCDS feed's processes, oldest first. */
export function publishedRoundIds(q: Queryable) {
  return q
    .select({ id: purchaseRounds.id })
    .from(purchaseRounds)
    .where(sql`${purchaseRounds.status} <> 'draft' and ${purchaseRounds.publishedAt} is not null`)
    .orderBy(asc(purchaseRounds.publishedAt), asc(purchaseRounds.id));
}
