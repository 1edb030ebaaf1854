import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../../db/client.js';
import type { Actor } from '../../access/access.policy.js';
import { scopeWhere } from '../../access/access.records.js';
import { orgUnits } from '../../org/org.tables.js';
import { minorCases, minorStations } from '../minor-protection.tables.js';

export type Station = typeof minorStations.$inferSelect;
export type StationRow = Station & { street_name: string; open_cases: number };

/** The stations the actor reaches (or the one of them), with the street's name and its open files. */
export function selectStations(q: Queryable, actor: Actor, id?: string): Promise<StationRow[]> {
  return queryRows<StationRow>(
    q,
    sql`
    select s.district_id as "districtId", s.id, s.street_id as "streetId", s.org_path as "orgPath", s.name, s.operator,
      to_char(s.opened_on, 'YYYY-MM-DD') as "openedOn", s.checklist, s.version, s.updated_at as "updatedAt", st.name as street_name,
      (select count(*)::int from ${minorCases} mc where mc.district_id = s.district_id and mc.street_id = s.street_id and mc.status <> 'closed') as open_cases
    from ${minorStations} s join ${orgUnits} st on st.district_id = s.district_id and st.id = s.street_id
    where s.district_id = ${actor.districtId} and ${scopeWhere(actor, 'minorStation', { orgPath: sql`s.org_path` })} ${id ? sql`and s.id = ${id}` : sql``}
    order by s.opened_on, s.id`,
  );
}

export async function findStationForUpdate(tx: Tx, districtId: string, id: string): Promise<Station | undefined> {
  const [s] = await tx
    .select()
    .from(minorStations)
    .where(and(eq(minorStations.districtId, districtId), eq(minorStations.id, id)))
    .for('update');
  return s;
}
