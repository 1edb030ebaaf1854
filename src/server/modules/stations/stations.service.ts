import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { queryRows } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { scopeWhere } from '../access/access.records.js';

export interface StationView {
  id: string;
  kind: 'party_mass' | 'rider' | 'canteen' | 'convenience';
  name: string;
  orgUnitName: string;
  address: string | null;
  partyOrgName: string | null;
}

export async function listStations(ctx: AppContext, actor: Actor, kind?: StationView['kind']): Promise<StationView[]> {
  return queryRows<StationView>(
    ctx.db,
    sql`
    select s.id, s.kind, s.name, o.name as "orgUnitName", s.address, p.name as "partyOrgName"
    from stations s
    join org_units o on o.district_id = s.district_id and o.id = s.org_unit_id
    left join party_orgs p on p.district_id = s.district_id and p.id = s.party_org_id
    where s.district_id = ${actor.districtId} and ${scopeWhere(actor, 'station', { orgPath: sql`s.org_path` })}
      ${kind ? sql`and s.kind = ${kind}` : sql``}
    order by s.kind, s.org_path, s.name
    limit 1000`,
  );
}
