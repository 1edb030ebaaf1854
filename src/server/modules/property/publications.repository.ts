import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable, Tx } from '../../db/client.js';
import { orgUnits } from '../org/org.tables.js';
import type { Publication } from '../../../shared/property-publications.schema.js';
import { propertyCompanies, propertyContracts, propertyPublications } from './property.tables.js';

/** Every query of 公示三专栏: a compound's notices, one notice, the public page and the overdue statements. */

const p = propertyPublications;
const c = propertyCompanies;
const k = propertyContracts;
const compound = alias(orgUnits, 'compound');
const community = alias(orgUnits, 'community');

const columns = {
  id: p.id,
  compoundId: p.compoundId,
  companyId: p.companyId,
  companyName: c.name,
  column: p.column,
  title: p.title,
  period: p.period,
  content: p.content,
  lines: p.lines,
  incomeTotalCents: p.incomeTotalCents,
  expenseTotalCents: p.expenseTotalCents,
  status: p.status,
  returnReason: p.returnReason,
  submittedAt: sql<string>`to_char(${p.submittedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`,
  publishedAt: sql<string | null>`to_char(${p.publishedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`,
  version: p.version,
  orgPath: p.orgPath,
};
export const publicationScopeColumns = { orgPath: sql`${p.orgPath}`, companyId: sql`${p.companyId}` };

/** A compound's notices the caller may read (`scope` from the access layer), newest first. */
export function listPublications(q: Queryable, districtId: string, compoundId: string, where: SQL[]) {
  return q
    .select(columns)
    .from(p)
    .innerJoin(c, and(eq(c.districtId, p.districtId), eq(c.id, p.companyId)))
    .where(and(eq(p.districtId, districtId), eq(p.compoundId, compoundId), ...where))
    .orderBy(desc(p.submittedAt), desc(p.id));
}
export const published: SQL = eq(p.status, 'published');

export async function findPublication(q: Queryable, districtId: string, id: string) {
  const [row] = await q
    .select(columns)
    .from(p)
    .innerJoin(c, and(eq(c.districtId, p.districtId), eq(c.id, p.companyId)))
    .where(and(eq(p.districtId, districtId), eq(p.id, id)));
  return row;
}

export type NewPublication = typeof p.$inferInsert;
export async function insertPublication(tx: Tx, row: NewPublication): Promise<void> {
  await tx.insert(p).values(row);
}

/** The review, only if nobody reviewed it since the caller loaded it (false: stale or not waiting). */
export async function reviewPublication(
  tx: Tx,
  key: { districtId: string; id: string; version: number },
  set: { status: 'published' | 'returned'; returnReason: string | null; reviewedBy: string },
): Promise<boolean> {
  const rows = await tx
    .update(p)
    .set({
      ...set,
      publishedAt: set.status === 'published' ? sql`now()` : null,
      version: sql`${p.version} + 1`,
    })
    .where(
      and(eq(p.districtId, key.districtId), eq(p.id, key.id), eq(p.version, key.version), eq(p.status, 'submitted')),
    )
    .returning({ id: p.id });
  return rows.length === 1;
}

/** The compound with its community and current company, for the public page. */
export async function publicCompound(q: Queryable, districtId: string, compoundId: string) {
  const [row] = await q
    .select({
      id: compound.id,
      name: compound.name,
      kind: compound.kind,
      path: compound.path,
      communityName: community.name,
      companyName: sql<
        string | null
      >`(select pc.name from ${k} ak join ${c} pc on pc.district_id = ak.district_id and pc.id = ak.company_id
        where ak.district_id = ${districtId} and ak.compound_id = ${compoundId} and ak.status = 'active')`,
    })
    .from(compound)
    .innerJoin(community, and(eq(community.districtId, compound.districtId), eq(community.id, compound.parentId)))
    .where(and(eq(compound.districtId, districtId), eq(compound.id, compoundId)));
  return row;
}

/**
 * Compounds with an active contract (in the caller's scope) whose statement for `period` is not published.
 * Only contracts that started before the period ended owe it.
 */
export function overdueStatements(q: Queryable, districtId: string, period: string, periodEnd: string, scope: SQL) {
  return q
    .select({
      compoundId: k.compoundId,
      compoundName: compound.name,
      communityName: community.name,
      companyName: c.name,
    })
    .from(k)
    .innerJoin(c, and(eq(c.districtId, k.districtId), eq(c.id, k.companyId)))
    .innerJoin(compound, and(eq(compound.districtId, k.districtId), eq(compound.id, k.compoundId)))
    .innerJoin(community, and(eq(community.districtId, compound.districtId), eq(community.id, compound.parentId)))
    .where(
      and(
        eq(k.districtId, districtId),
        eq(k.status, 'active'),
        sql`${k.startsOn} <= ${periodEnd}`,
        scope,
        sql`not exists (select 1 from ${p} x where x.district_id = ${k.districtId} and x.compound_id = ${k.compoundId}
          and x.column = 'finance' and x.period = ${period} and x.status = 'published')`,
      ),
    )
    .orderBy(asc(community.name), asc(compound.name));
}

export type PublicationRow = Publication & { orgPath: string };
