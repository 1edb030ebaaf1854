import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { orgUnits, stations } from '../../org/org.tables.js';
import { people } from '../../people/people.tables.js';
import { volunteerTeams } from '../volunteers.tables.js';

/** The rows the volunteers operations look up before they check access: units, people, stations, teams. */
export interface UnitRow {
  id: string;
  path: string;
  name: string;
  kind: string;
}
export interface PersonRow {
  id: string;
  name: string;
  orgPath: string;
  workUnitId: string | null;
  tags: string[];
}
export interface StationRow {
  id: string;
  name: string;
  orgPath: string;
  kind: string;
}

export async function findUnit(q: Queryable, districtId: string, id: string): Promise<UnitRow | undefined> {
  const [u] = await q
    .select({ id: orgUnits.id, path: orgUnits.path, name: orgUnits.name, kind: orgUnits.kind })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.id, id)));
  return u;
}

export async function findPerson(q: Queryable, districtId: string, id: string): Promise<PersonRow | undefined> {
  const [p] = await q
    .select({
      id: people.id,
      name: people.name,
      orgPath: people.orgPath,
      workUnitId: people.workUnitId,
      tags: people.tags,
    })
    .from(people)
    .where(and(eq(people.districtId, districtId), eq(people.id, id)));
  return p;
}

export async function findStation(q: Queryable, districtId: string, id: string): Promise<StationRow | undefined> {
  const [s] = await q
    .select({ id: stations.id, name: stations.name, orgPath: stations.orgPath, kind: stations.kind })
    .from(stations)
    .where(and(eq(stations.districtId, districtId), eq(stations.id, id)));
  return s;
}

export async function findTeamPath(q: Queryable, districtId: string, id: string): Promise<string | undefined> {
  const [t] = await q
    .select({ orgPath: volunteerTeams.orgPath })
    .from(volunteerTeams)
    .where(and(eq(volunteerTeams.districtId, districtId), eq(volunteerTeams.id, id)));
  return t?.orgPath;
}
