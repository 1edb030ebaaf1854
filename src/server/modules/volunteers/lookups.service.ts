import type { Queryable } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { E } from './volunteers.errors.js';
import {
  findPerson,
  findStation,
  findTeamPath,
  findUnit,
  type PersonRow,
  type StationRow,
  type UnitRow,
} from './repository/lookups.repository.js';

/** The rows an operation starts from, or the module's not-found error; always in the actor's district. */
export async function requireUnit(q: Queryable, actor: Actor, orgUnitId: string): Promise<UnitRow> {
  const u = await findUnit(q, actor.districtId, orgUnitId);
  if (!u) throw E.ORG_UNIT_NOT_FOUND();
  return u;
}

export async function requirePerson(q: Queryable, actor: Actor, personId: string): Promise<PersonRow> {
  const p = await findPerson(q, actor.districtId, personId);
  if (!p) throw E.PERSON_NOT_FOUND();
  return p;
}

export async function requireStation(q: Queryable, actor: Actor, stationId: string): Promise<StationRow> {
  const s = await findStation(q, actor.districtId, stationId);
  if (!s) throw E.STATION_NOT_FOUND();
  return s;
}

export async function requireTeamPath(q: Queryable, actor: Actor, teamId: string): Promise<string> {
  const path = await findTeamPath(q, actor.districtId, teamId);
  if (path === undefined) throw E.TEAM_NOT_FOUND();
  return path;
}
