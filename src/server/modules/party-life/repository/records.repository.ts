import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable, type Tx } from '../../../db/client.js';
import { partyOrgs } from '../../org/org.tables.js';
import { people } from '../../people/people.tables.js';
import { partyMembers } from '../../party/party.tables.js';
import { partyAssessments, partyLifeSettings, partySystemChecks } from '../party-life.tables.js';

/** Settings, the working-systems checklist and the 考核评议 rows. */
export async function settingsOf(q: Queryable, districtId: string, lock = false) {
  const base = q.select().from(partyLifeSettings).where(eq(partyLifeSettings.districtId, districtId));
  const [row] = lock ? await base.for('update') : await base;
  return row;
}
export async function saveSettings(
  tx: Tx,
  row: Omit<typeof partyLifeSettings.$inferInsert, 'version' | 'updatedAt'>,
  existed: boolean,
): Promise<void> {
  if (!existed) await tx.insert(partyLifeSettings).values({ ...row, version: 1 });
  else
    await tx
      .update(partyLifeSettings)
      .set({ ...row, version: sql`${partyLifeSettings.version} + 1`, updatedAt: new Date() })
      .where(eq(partyLifeSettings.districtId, row.districtId));
}

export type CheckRow = typeof partySystemChecks.$inferSelect;
export function checksOf(q: Queryable, districtId: string, branchId: string, year: number) {
  return q
    .select()
    .from(partySystemChecks)
    .where(
      and(
        eq(partySystemChecks.districtId, districtId),
        eq(partySystemChecks.partyOrgId, branchId),
        eq(partySystemChecks.year, year),
      ),
    );
}
export async function lockCheck(tx: Tx, districtId: string, branchId: string, year: number, itemKey: string) {
  const [row] = await tx
    .select()
    .from(partySystemChecks)
    .where(
      and(
        eq(partySystemChecks.districtId, districtId),
        eq(partySystemChecks.partyOrgId, branchId),
        eq(partySystemChecks.year, year),
        eq(partySystemChecks.itemKey, itemKey),
      ),
    )
    .for('update');
  return row;
}
export async function insertCheck(tx: Tx, row: typeof partySystemChecks.$inferInsert): Promise<void> {
  await tx.insert(partySystemChecks).values(row);
}
export async function updateCheck(
  tx: Tx,
  districtId: string,
  id: string,
  set: Partial<typeof partySystemChecks.$inferInsert>,
) {
  await tx
    .update(partySystemChecks)
    .set({ ...set, version: sql`${partySystemChecks.version} + 1`, updatedAt: new Date() })
    .where(and(eq(partySystemChecks.districtId, districtId), eq(partySystemChecks.id, id)));
}

export async function secretaryMemberOf(q: Queryable, districtId: string, personId: string | null) {
  if (!personId) return undefined;
  const [row] = await q
    .select({ id: partyMembers.id })
    .from(partyMembers)
    .where(and(eq(partyMembers.districtId, districtId), eq(partyMembers.personId, personId)));
  return row;
}
export async function upsertAssessment(tx: Tx, row: typeof partyAssessments.$inferInsert): Promise<void> {
  await tx
    .insert(partyAssessments)
    .values(row)
    .onConflictDoUpdate({
      target: [
        partyAssessments.districtId,
        partyAssessments.partyOrgId,
        partyAssessments.year,
        partyAssessments.subject,
      ],
      set: {
        memberId: row.memberId,
        scores: row.scores,
        total: row.total,
        maxTotal: row.maxTotal,
        grade: row.grade,
        note: row.note,
        enteredBy: row.enteredBy,
        version: sql`${partyAssessments.version} + 1`,
        updatedAt: new Date(),
      },
    });
}

export interface AssessmentRow {
  partyOrgId: string;
  partyOrgName: string;
  year: number;
  subject: (typeof partyAssessments.$inferSelect)['subject'];
  secretaryName: string | null;
  scores: Record<string, number>;
  total: string | number;
  maxTotal: number;
  grade: (typeof partyAssessments.$inferSelect)['grade'];
  note: string | null;
  updatedAt: string;
}
/** The year's assessments of the branches the caller reads (`scope` over the branch aliased `o`). */
export function assessmentsOf(q: Queryable, f: { districtId: string; year: number; scope: SQL; partyOrgId?: string }) {
  return queryRows<AssessmentRow>(
    q,
    sql`select s.party_org_id as "partyOrgId", o.name as "partyOrgName", s.year, s.subject, p.name as "secretaryName",
      s.scores, s.total, s.max_total as "maxTotal", s.grade, s.note, s.updated_at as "updatedAt"
    from ${partyAssessments} s
    join ${partyOrgs} o on o.district_id = s.district_id and o.id = s.party_org_id
    left join ${partyMembers} m on m.district_id = s.district_id and m.id = s.member_id
    left join ${people} p on p.district_id = m.district_id and p.id = m.person_id
    where s.district_id = ${f.districtId} and s.year = ${f.year} and ${f.scope}
      ${f.partyOrgId ? sql`and s.party_org_id = ${f.partyOrgId}` : sql``}
    order by s.total desc, o.name, s.subject`,
  );
}
