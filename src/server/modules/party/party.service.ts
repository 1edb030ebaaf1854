import type { AppContext } from '../../context.js';
import { ownPartyErrors, partyErrors as E } from './party.errors.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import type { PartyOrgDto } from '../../../shared/org.schema.js';
import * as repo from './party.repository.js';
import type { PartyRow } from './party.repository.js';

/** A party org is the actor's when it sits in their subtree, or (a joint branch) covers a compound in it. */
function assertPartyOrgInScope(actor: Actor, row: PartyRow): void {
  requireAccess(actor, 'partyOrg', { orgPath: row.org_path, compoundPaths: row.compound_paths ?? [] });
}

function toDto(row: PartyRow): PartyOrgDto {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind,
    name: row.name,
    path: row.path,
    orgUnitId: row.org_unit_id,
    formation: row.formation,
    secretaryName: row.secretary_name,
    compounds: row.compounds ?? [],
    stationName: row.station_name,
    childCount: row.child_count,
  };
}

export async function getPartyOrg(ctx: AppContext, actor: Actor, id: string): Promise<PartyOrgDto> {
  const [row] = await repo.selectPartyOrgs(ctx.db, actor.districtId, { id });
  if (!row) throw E.PARTY_ORG_NOT_FOUND();
  assertPartyOrgInScope(actor, row);
  return toDto(row);
}

export async function listPartyChildren(ctx: AppContext, actor: Actor, id: string): Promise<PartyOrgDto[]> {
  await getPartyOrg(ctx, actor, id);
  const rows = await repo.selectPartyOrgs(ctx.db, actor.districtId, { parentId: id });
  return rows.map(toDto);
}

/** The top party org for the actor's unit: 区委, 街道党工委, 社区党委, or the branch covering their compound. */
export async function getRootPartyOrg(ctx: AppContext, actor: Actor): Promise<PartyOrgDto> {
  const anchored = await repo.anchoredPartyOrg(ctx.db, actor.districtId, actor.orgUnitId);
  if (anchored) return getPartyOrg(ctx, actor, anchored.id);
  const covering = await repo.coveringBranch(ctx.db, actor.districtId, actor.orgUnitId);
  if (covering) return getPartyOrg(ctx, actor, covering.id);
  throw ownPartyErrors.PARTY_ORG_NOT_FOUND();
}
