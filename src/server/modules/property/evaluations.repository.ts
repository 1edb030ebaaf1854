import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable, Tx } from '../../db/client.js';
import { consultations } from '../consultations/consultations.tables.js';
import { orgUnits } from '../org/org.tables.js';
import {
  propertyCompanies,
  propertyContracts,
  propertyEvaluations,
  propertyEvaluationSchemes,
} from './property.tables.js';

/** Every query of 物业服务质量评价: schemes, evaluations, the ranking and the public results. */

const s = propertyEvaluationSchemes;
const v = propertyEvaluations;
const c = propertyCompanies;
const k = propertyContracts;
const unit = alias(orgUnits, 'unit');
const compound = alias(orgUnits, 'compound');
const community = alias(orgUnits, 'community');

export const schemeScopeColumns = { orgPath: sql`${s.orgPath}` };
export const evaluationScopeColumns = { orgPath: sql`${v.orgPath}`, companyId: sql`${v.companyId}` };
const contractScopeColumns = { orgPath: sql`${k.orgPath}`, companyId: sql`${k.companyId}` };
export { contractScopeColumns };

const schemeColumns = {
  id: s.id,
  orgUnitId: s.orgUnitId,
  orgUnitName: unit.name,
  orgPath: s.orgPath,
  year: s.year,
  items: s.items,
  residentsWeight: s.residentsWeight,
  branchWeight: s.branchWeight,
  committeeWeight: s.committeeWeight,
  bottomCount: s.bottomCount,
  scoreLine: s.scoreLine,
  evaluations: sql<number>`(select count(*)::int from ${v} x where x.district_id = ${s.districtId} and x.scheme_id = ${s.id})`,
  version: s.version,
};
export type SchemeRow = Awaited<ReturnType<typeof findScheme>> & {};

export function listSchemes(q: Queryable, d: string, scope: SQL) {
  return q
    .select(schemeColumns)
    .from(s)
    .innerJoin(unit, and(eq(unit.districtId, s.districtId), eq(unit.id, s.orgUnitId)))
    .where(and(eq(s.districtId, d), scope))
    .orderBy(desc(s.year), asc(s.orgPath));
}
export async function findScheme(q: Queryable, d: string, id: string) {
  const [row] = await q
    .select(schemeColumns)
    .from(s)
    .innerJoin(unit, and(eq(unit.districtId, s.districtId), eq(unit.id, s.orgUnitId)))
    .where(and(eq(s.districtId, d), eq(s.id, id)));
  return row;
}
export async function lockScheme(tx: Tx, d: string, id: string) {
  await tx.execute(sql`select 1 from ${s} where ${s.districtId} = ${d} and ${s.id} = ${id} for update`);
  return findScheme(tx, d, id);
}
export async function schemeOfUnitYear(q: Queryable, d: string, orgUnitId: string, year: number) {
  const [row] = await q
    .select({ id: s.id })
    .from(s)
    .where(and(eq(s.districtId, d), eq(s.orgUnitId, orgUnitId), eq(s.year, year)));
  return row;
}
/** The nearest scheme at or above `path` for the year (a street's own before the district's). */
export async function schemeFor(q: Queryable, d: string, path: string, year: number) {
  const [row] = await q
    .select(schemeColumns)
    .from(s)
    .innerJoin(unit, and(eq(unit.districtId, s.districtId), eq(unit.id, s.orgUnitId)))
    .where(and(eq(s.districtId, d), eq(s.year, year), sql`starts_with(${path}, ${s.orgPath})`))
    .orderBy(desc(sql`length(${s.orgPath})`))
    .limit(1);
  return row;
}
export async function insertScheme(tx: Tx, row: typeof s.$inferInsert): Promise<void> {
  await tx.insert(s).values(row);
}

export async function findUnit(q: Queryable, d: string, id: string) {
  const [row] = await q
    .select({ id: unit.id, name: unit.name, kind: unit.kind, path: unit.path })
    .from(unit)
    .where(and(eq(unit.districtId, d), eq(unit.id, id)));
  return row;
}
export async function activeContract(q: Queryable, d: string, compoundId: string) {
  const [row] = await q
    .select({ id: k.id, companyId: k.companyId })
    .from(k)
    .where(and(eq(k.districtId, d), eq(k.compoundId, compoundId), eq(k.status, 'active')));
  return row;
}
export async function evaluationOfYear(q: Queryable, d: string, compoundId: string, year: number) {
  const [row] = await q
    .select({ id: v.id })
    .from(v)
    .where(and(eq(v.districtId, d), eq(v.compoundId, compoundId), eq(v.year, year)));
  return row;
}
export async function insertEvaluation(tx: Tx, row: typeof v.$inferInsert): Promise<void> {
  await tx.insert(v).values(row);
}

const evaluationColumns = {
  id: v.id,
  year: v.year,
  schemeId: v.schemeId,
  compoundId: v.compoundId,
  compoundName: compound.name,
  communityName: community.name,
  orgPath: v.orgPath,
  companyId: v.companyId,
  companyName: c.name,
  consultationId: v.consultationId,
  status: v.status,
  branchScores: v.branchScores,
  committeeScores: v.committeeScores,
  residentItems: v.residentItems,
  ballots: v.ballots,
  residentsScore: v.residentsScore,
  branchScore: v.branchScore,
  committeeScore: v.committeeScore,
  total: v.total,
  publishedAt: sql<string | null>`to_char(${v.publishedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`,
  version: v.version,
};
export type EvaluationRow = Awaited<ReturnType<typeof findEvaluation>> & {};

function evaluations(q: Queryable) {
  return q
    .select(evaluationColumns)
    .from(v)
    .innerJoin(c, and(eq(c.districtId, v.districtId), eq(c.id, v.companyId)))
    .innerJoin(compound, and(eq(compound.districtId, v.districtId), eq(compound.id, v.compoundId)))
    .innerJoin(community, and(eq(community.districtId, compound.districtId), eq(community.id, compound.parentId)));
}
export async function findEvaluation(q: Queryable, d: string, id: string) {
  const [row] = await evaluations(q).where(and(eq(v.districtId, d), eq(v.id, id)));
  return row;
}
export async function lockEvaluation(tx: Tx, d: string, id: string) {
  await tx.execute(sql`select 1 from ${v} where ${v.districtId} = ${d} and ${v.id} = ${id} for update`);
  return findEvaluation(tx, d, id);
}
/** Evaluations in the caller's scope; published ones by total, best first, then the open ones. */
export function listEvaluations(q: Queryable, d: string, where: SQL[]) {
  return evaluations(q)
    .where(and(eq(v.districtId, d), ...where))
    .orderBy(desc(v.year), sql`${v.total} desc nulls last`, asc(community.name), asc(compound.name));
}
export const ofYear = (year: number): SQL => eq(v.year, year);
export const ofCompound = (compoundId: string): SQL => eq(v.compoundId, compoundId);
export const isPublished: SQL = eq(v.status, 'published');

/** Compounds under contract in `scope` without a published evaluation for the year. */
export async function unpublishedCount(q: Queryable, d: string, year: number, scope: SQL): Promise<number> {
  const [row] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(k)
    .where(
      and(
        eq(k.districtId, d),
        eq(k.status, 'active'),
        scope,
        sql`not exists (select 1 from ${v} x where x.district_id = ${k.districtId} and x.compound_id = ${k.compoundId}
          and x.year = ${year} and x.status = 'published')`,
      ),
    );
  return row?.n ?? 0;
}

/** Publishing an evaluation publishes its residents' survey too (its counts per level, never a ballot). */
export async function publishSurvey(tx: Tx, d: string, consultationId: string, now: Date): Promise<void> {
  await tx
    .update(consultations)
    .set({ publishedAt: now, updatedAt: now, version: sql`${consultations.version} + 1` })
    .where(and(eq(consultations.districtId, d), eq(consultations.id, consultationId)));
}
