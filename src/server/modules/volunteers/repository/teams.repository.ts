import { and, eq, not, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../../db/client.js';
import { containsPattern, prefixPattern } from '../../../lib/like.js';
import type { Actor } from '../../access/access.policy.js';
import { scopeWhere } from '../../access/access.records.js';
import { orgUnits } from '../../org/org.tables.js';
import { people } from '../../people/people.tables.js';
import type { Team, TeamKind } from '../../../../shared/volunteers.schema.js';
import { volunteerTeamMembers, volunteerTeams } from '../volunteers.tables.js';

const TEAM_SELECT = sql`
  select t.id, t.name, t.kind, t.org_unit_id as "orgUnitId", o.name as "orgUnitName",
    (select count(*)::int from ${volunteerTeamMembers} m where m.district_id = t.district_id and m.team_id = t.id) as "memberCount"
  from ${volunteerTeams} t join ${orgUnits} o on o.district_id = t.district_id and o.id = t.org_unit_id`;

/** The teams the actor may see, under `orgPath` when given, whose name contains `text`. */
export async function listTeams(
  q: Queryable,
  actor: Actor,
  opts: { orgPath?: string; text?: string; limit: number },
): Promise<{ items: Team[]; total: number }> {
  const limit = opts.limit;
  const where: SQL[] = [
    sql`t.district_id = ${actor.districtId}`,
    scopeWhere(actor, 'team', { orgPath: sql`t.org_path` }),
  ];
  if (opts.orgPath !== undefined) where.push(sql`t.org_path like ${prefixPattern(opts.orgPath)}`);
  if (opts.text) where.push(sql`t.name like ${containsPattern(opts.text)}`);
  const w = sql.join(where, sql` and `);
  const [count] = await queryRows<{ n: number }>(q, sql`select count(*)::int as n from ${volunteerTeams} t where ${w}`);
  const items = await queryRows<Team>(q, sql`${TEAM_SELECT} where ${w} order by t.org_path, t.name limit ${limit}`);
  return { items, total: count?.n ?? 0 };
}

export async function teamById(q: Queryable, districtId: string, id: string): Promise<Team | undefined> {
  const [t] = await queryRows<Team>(q, sql`${TEAM_SELECT} where t.district_id = ${districtId} and t.id = ${id}`);
  return t;
}

export async function insertTeam(
  q: Queryable,
  row: { districtId: string; id: string; name: string; kind: TeamKind; orgUnitId: string; orgPath: string },
): Promise<void> {
  await q.insert(volunteerTeams).values(row);
}

/** Adds the member; `false` when they already were one. */
export async function insertTeamMember(
  q: Queryable,
  districtId: string,
  teamId: string,
  personId: string,
): Promise<boolean> {
  const added = await q
    .insert(volunteerTeamMembers)
    .values({ districtId, teamId, personId })
    .onConflictDoNothing()
    .returning({ personId: volunteerTeamMembers.personId });
  return added.length > 0;
}

/** Joining a team makes one a registered volunteer (志愿者): the `volunteer` tag, once. */
export async function tagVolunteer(q: Queryable, districtId: string, personId: string): Promise<void> {
  await q
    .update(people)
    .set({
      tags: sql`array_append(${people.tags}, 'volunteer')`,
      version: sql`${people.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(
      and(eq(people.districtId, districtId), eq(people.id, personId), not(sql`'volunteer' = any(${people.tags})`)),
    );
}
