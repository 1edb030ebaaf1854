import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { queryRows } from '../../db/client.js';
import { ownPartyErrors, partyErrors as E } from './party.errors.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import type { PartyOrgDto } from '../org/org.schema.js';
import { branchCompounds, partyOrgs } from '../org/org.tables.js';

interface PartyRow {
  id: string;
  parent_id: string | null;
  kind: PartyOrgDto['kind'];
  name: string;
  path: string;
  org_unit_id: string;
  org_path: string;
  formation: PartyOrgDto['formation'];
  secretary_name: string | null;
  station_name: string | null;
  child_count: number;
  compounds: { id: string; name: string }[] | null;
  compound_paths: string[] | null;
}

/** Party orgs with what the UI shows beside them: secretary, compounds covered, station, children. */
async function selectPartyOrgs(
  ctx: AppContext,
  districtId: string,
  where: ReturnType<typeof sql>,
): Promise<PartyRow[]> {
  return queryRows<PartyRow>(
    ctx.db,
    sql`
    select p.id, p.parent_id, p.kind, p.name, p.path, p.org_unit_id, p.org_path, p.formation,
      sec.name as secretary_name,
      (select s.name from stations s where s.district_id = p.district_id and s.party_org_id = p.id and s.kind = 'party_mass' limit 1) as station_name,
      (select count(*)::int from party_orgs c where c.district_id = p.district_id and c.parent_id = p.id) as child_count,
      (select json_agg(json_build_object('id', o.id, 'name', o.name) order by o.id) from branch_compounds bc
         join org_units o on o.district_id = bc.district_id and o.id = bc.compound_id
        where bc.district_id = p.district_id and bc.branch_id = p.id) as compounds,
      (select array_agg(o.path) from branch_compounds bc
         join org_units o on o.district_id = bc.district_id and o.id = bc.compound_id
        where bc.district_id = p.district_id and bc.branch_id = p.id) as compound_paths
    from party_orgs p
    left join people sec on sec.district_id = p.district_id and sec.id = p.secretary_person_id
    where p.district_id = ${districtId} and ${where}
    order by p.id`,
  );
}

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
  const [row] = await selectPartyOrgs(ctx, actor.districtId, sql`p.id = ${id}`);
  if (!row) throw E.PARTY_ORG_NOT_FOUND();
  assertPartyOrgInScope(actor, row);
  return toDto(row);
}

export async function listPartyChildren(ctx: AppContext, actor: Actor, id: string): Promise<PartyOrgDto[]> {
  await getPartyOrg(ctx, actor, id);
  const rows = await selectPartyOrgs(ctx, actor.districtId, sql`p.parent_id = ${id}`);
  return rows.map(toDto);
}

/** The top party org for the actor's unit: 区委, 街道党工委, 社区党委, or the branch covering their compound. */
export async function getRootPartyOrg(ctx: AppContext, actor: Actor): Promise<PartyOrgDto> {
  const [anchored] = await ctx.db
    .select({ id: partyOrgs.id })
    .from(partyOrgs)
    .where(
      and(
        eq(partyOrgs.districtId, actor.districtId),
        eq(partyOrgs.orgUnitId, actor.orgUnitId),
        sql`${partyOrgs.kind} <> 'building_group'`,
      ),
    )
    .orderBy(sql`length(${partyOrgs.path})`)
    .limit(1);
  if (anchored) return getPartyOrg(ctx, actor, anchored.id);
  const [covering] = await ctx.db
    .select({ id: branchCompounds.branchId })
    .from(branchCompounds)
    .where(and(eq(branchCompounds.districtId, actor.districtId), eq(branchCompounds.compoundId, actor.orgUnitId)));
  if (covering) return getPartyOrg(ctx, actor, covering.id);
  throw ownPartyErrors.PARTY_ORG_NOT_FOUND();
}
