import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { personOf, type Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { remind } from '../notifications/remind.js';
import { proposalSupportsNeeded } from '../../../shared/proposals.constants.js';
import type { Proposal, ProposalInput, ProposalStatus } from '../../../shared/proposals.schema.js';
import { E } from './proposals.errors.js';
import * as repo from './proposals.repository.js';

/**
 * 居民提议: a resident raises a matter for their compound; other households second it (附议, once each);
 * with enough households behind it (proposalSupportsNeeded) the compound's staff are told, and the next
 * joint meeting they convene takes it on its agenda.
 */
async function homeOfActor(ctx: AppContext, actor: Actor): Promise<repo.HomeRow | null> {
  return actor.personId ? repo.homeOf(ctx.db, actor.districtId, actor.personId) : null;
}

async function view(ctx: AppContext, actor: Actor, household: string | null, id: string): Promise<Proposal> {
  const p = await repo.proposalView(ctx.db, actor, household, id);
  if (!p) throw E.PROPOSAL_NOT_FOUND();
  return p;
}

export async function listProposals(
  ctx: AppContext,
  actor: Actor,
  f: { compoundId?: string; status?: ProposalStatus },
): Promise<Proposal[]> {
  const home = await homeOfActor(ctx, actor);
  return repo.listProposals(ctx.db, actor, home?.id ?? null, f);
}

export async function getProposal(ctx: AppContext, actor: Actor, id: string): Promise<Proposal> {
  const p = await repo.findProposal(ctx.db, actor.districtId, id);
  if (!p) throw E.PROPOSAL_NOT_FOUND();
  requireAccess(actor, 'residentProposal', p);
  return view(ctx, actor, (await homeOfActor(ctx, actor))?.id ?? null, id);
}

export async function raiseProposal(
  ctx: AppContext,
  actor: Actor,
  input: ProposalInput & { ip?: string },
): Promise<Proposal> {
  const home = await repo.homeOf(ctx.db, actor.districtId, personOf(actor));
  if (!home) throw E.PROPOSAL_NO_HOUSEHOLD();
  requireAccess(actor, 'residentProposal', { orgPath: home.compoundPath });
  const id = randomUUID();
  const supportsNeeded = proposalSupportsNeeded(home.households);
  await ctx.db.transaction(async (tx) => {
    await repo.insertProposal(tx, {
      districtId: actor.districtId,
      id,
      compoundId: home.compoundId,
      orgPath: home.compoundPath,
      title: input.title,
      description: input.description,
      proposerUserId: actor.userId,
      proposerHouseholdId: home.id,
      supportsNeeded,
    });
    await repo.insertSupport(tx, {
      districtId: actor.districtId,
      proposalId: id,
      householdId: home.id,
      userId: actor.userId,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'proposal.raise',
        entityType: 'resident_proposal',
        entityId: id,
        detail: { compoundId: home.compoundId, supportsNeeded },
      },
      input.ip,
    );
  });
  return view(ctx, actor, home.id, id);
}

/** 附议: once per household of the proposal's compound, while it is open; the one that makes it enough tells the staff. */
export async function supportProposal(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; ip?: string },
): Promise<Proposal> {
  const d = actor.districtId;
  const p = await repo.findProposal(ctx.db, d, input.id);
  if (!p) throw E.PROPOSAL_NOT_FOUND();
  requireAccess(actor, 'residentProposal', p);
  const home = await repo.homeOf(ctx.db, d, personOf(actor));
  if (!home) throw E.PROPOSAL_NO_HOUSEHOLD();
  if (home.compoundId !== p.compoundId) throw E.PROPOSAL_OTHER_COMPOUND({ compound: p.compoundName });
  if (p.status !== 'open') throw E.PROPOSAL_ON_AGENDA({ heldOn: p.heldOn ?? '' });
  await ctx.db.transaction(async (tx) => {
    if (
      !(await repo.insertSupport(tx, { districtId: d, proposalId: p.id, householdId: home.id, userId: actor.userId }))
    )
      throw E.PROPOSAL_ALREADY_SUPPORTED();
    const n = await repo.supportCount(tx, d, p.id);
    await writeAudit(
      tx,
      actor,
      { action: 'proposal.support', entityType: 'resident_proposal', entityId: p.id, detail: { supports: n } },
      input.ip,
    );
    if (n === p.supportsNeeded)
      await remind(tx, d, 'proposal.ready', {
        proposalId: p.id,
        compoundId: p.compoundId,
        compoundName: p.compoundName,
        orgPath: p.orgPath,
        title: p.title,
        count: n,
      });
  });
  return view(ctx, actor, home.id, p.id);
}
