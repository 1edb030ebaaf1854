import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../db/client.js';
import { prefixPattern } from '../../lib/like.js';
import type { Actor } from '../access/access.policy.js';
import { scopeWhere } from '../access/access.records.js';
import type { Proposal, ProposalStatus } from '../../../shared/proposals.schema.js';
import { residentProposalSupports, residentProposals } from './proposals.tables.js';

export interface HomeRow {
  id: string;
  compoundId: string;
  compoundName: string;
  compoundPath: string;
  households: number;
}

/**
 * The household of the person behind an account, with its compound and the compound's household count
 * (counted on the households' path index: the ledger of a whole district is large).
 */
export async function homeOf(q: Queryable, d: string, personId: string): Promise<HomeRow | null> {
  const [h] = await queryRows<Omit<HomeRow, 'households'>>(
    q,
    sql`select h.id, c.id as "compoundId", c.name as "compoundName", c.path as "compoundPath"
        from people p
        join households h on h.district_id = p.district_id and h.id = p.household_id
        join org_units c on c.district_id = h.district_id and c.id = h.compound_id
        where p.district_id = ${d} and p.id = ${personId}`,
  );
  if (!h) return null;
  const [n] = await queryRows<{ n: number }>(
    q,
    sql`select count(*)::int as n from households where district_id = ${d} and org_path like ${prefixPattern(h.compoundPath)}`,
  );
  return { ...h, households: n!.n };
}

const supports = sql`(select count(*)::int from resident_proposal_supports s
  where s.district_id = p.district_id and s.proposal_id = p.id)`;

/** Proposals as the caller sees them: counts, whether their household is behind it, the meeting that took it. */
function select(actor: Actor, household: string | null, where: SQL, limit = 200) {
  return sql`select p.id, p.compound_id as "compoundId", c.name as "compoundName", p.title, p.description, p.status,
      ${supports} as supports, p.supports_needed as "supportsNeeded",
      exists (select 1 from resident_proposal_supports s where s.district_id = p.district_id and s.proposal_id = p.id
        and s.household_id = ${household ?? ''}) as "supportedByMe",
      p.proposer_user_id = ${actor.userId} as mine,
      to_char(p.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "createdAt",
      case when m.id is null then null else json_build_object('id', m.id, 'heldOn', m.held_on::text) end as meeting
    from resident_proposals p
    join org_units c on c.district_id = p.district_id and c.id = p.compound_id
    left join joint_meetings m on m.district_id = p.district_id and m.id = p.meeting_id
    where p.district_id = ${actor.districtId}
      and ${scopeWhere(actor, 'residentProposal', { orgPath: sql`p.org_path` })}
      and ${where}
    order by p.status, p.created_at desc limit ${limit}`;
}

export function listProposals(
  q: Queryable,
  actor: Actor,
  household: string | null,
  f: { compoundId?: string; status?: ProposalStatus },
): Promise<Proposal[]> {
  const parts = [sql`true`];
  if (f.compoundId) parts.push(sql`p.compound_id = ${f.compoundId}`);
  if (f.status) parts.push(sql`p.status = ${f.status}`);
  return queryRows<Proposal>(q, select(actor, household, sql.join(parts, sql` and `)));
}

export async function proposalView(q: Queryable, actor: Actor, household: string | null, id: string) {
  const [p] = await queryRows<Proposal>(q, select(actor, household, sql`p.id = ${id}`, 1));
  return p ?? null;
}

export interface ProposalRow {
  id: string;
  compoundId: string;
  compoundName: string;
  orgPath: string;
  title: string;
  status: ProposalStatus;
  supportsNeeded: number;
  heldOn: string | null;
}
export async function findProposal(q: Queryable, d: string, id: string): Promise<ProposalRow | null> {
  const [p] = await queryRows<ProposalRow>(
    q,
    sql`select p.id, p.compound_id as "compoundId", c.name as "compoundName", p.org_path as "orgPath", p.title, p.status,
          p.supports_needed as "supportsNeeded", m.held_on::text as "heldOn"
        from resident_proposals p
        join org_units c on c.district_id = p.district_id and c.id = p.compound_id
        left join joint_meetings m on m.district_id = p.district_id and m.id = p.meeting_id
        where p.district_id = ${d} and p.id = ${id}`,
  );
  return p ?? null;
}

export async function insertProposal(tx: Tx, row: typeof residentProposals.$inferInsert): Promise<void> {
  await tx.insert(residentProposals).values(row);
}

/** One household's second; false when the household is already behind it. */
export async function insertSupport(tx: Tx, row: typeof residentProposalSupports.$inferInsert): Promise<boolean> {
  const done = await tx
    .insert(residentProposalSupports)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: residentProposalSupports.proposalId });
  return done.length === 1;
}

export async function supportCount(q: Queryable, d: string, id: string): Promise<number> {
  const [r] = await queryRows<{ n: number }>(
    q,
    sql`select count(*)::int as n from resident_proposal_supports where district_id = ${d} and proposal_id = ${id}`,
  );
  return r!.n;
}

/** The joint meeting takes up the compound's open proposals with enough households behind them. */
export async function takeUpForMeeting(tx: Tx, d: string, compoundId: string, meetingId: string): Promise<string[]> {
  const p = residentProposals;
  const rows = await tx
    .update(p)
    .set({ status: 'on_agenda', meetingId })
    .where(
      and(
        eq(p.districtId, d),
        eq(p.compoundId, compoundId),
        eq(p.status, 'open'),
        sql`(select count(*) from resident_proposal_supports s where s.district_id = ${p.districtId}
          and s.proposal_id = ${p.id}) >= ${p.supportsNeeded}`,
      ),
    )
    .returning({ id: p.id });
  return rows.map((r) => r.id);
}

/** The proposals the given meetings took up, with their households. */
export function proposalsOfMeetings(q: Queryable, d: string, meetingIds: string[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return queryRows<{ meetingId: string; id: string; title: string; description: string; supports: number }>(
    q,
    sql`select p.meeting_id as "meetingId", p.id, p.title, p.description, ${supports} as supports
        from resident_proposals p
        where p.district_id = ${d} and p.meeting_id in (${sql.join(
          meetingIds.map((m) => sql`${m}`),
          sql`, `,
        )})
        order by p.created_at`,
  );
}
