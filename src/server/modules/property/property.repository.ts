import { and, asc, desc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable, Tx } from '../../db/client.js';
import { containsPattern, prefixPattern } from '../../lib/like.js';
import { orgUnits, workUnits } from '../org/org.tables.js';
import type { Contract } from '../../../shared/property.schema.js';
import { propertyCompanies, propertyContracts } from './property.tables.js';

/** Every query of 物业: the company register, service contracts, and the compounds nobody manages. */

const c = propertyCompanies;
const k = propertyContracts;

// qualified by hand: inside the subquery a bare "id" would name the contract's own column
const activeCount = sql<number>`(select count(*)::int from ${k} ac where ac.district_id = "property_companies"."district_id" and ac.company_id = "property_companies"."id" and ac.status = 'active')`;
const companyColumns = {
  id: c.id,
  name: c.name,
  creditCode: c.creditCode,
  qualification: c.qualification,
  contactName: c.contactName,
  contactPhone: c.contactPhone,
  address: c.address,
  activeCompounds: activeCount,
  version: c.version,
};
export type CompanyRow = Awaited<ReturnType<typeof findCompany>> & {};

/** `scope` is the caller's predicate from the access layer (scopeWhere propertyCompany, on `c.id`). */
export function listCompanies(q: Queryable, districtId: string, scope: SQL, text?: string) {
  const where = [eq(c.districtId, districtId), scope];
  if (text)
    where.push(sql`(${c.name} ilike ${containsPattern(text)} or ${c.creditCode} ilike ${containsPattern(text)})`);
  return q
    .select(companyColumns)
    .from(c)
    .where(and(...where))
    .orderBy(asc(c.name));
}

export async function findCompany(q: Queryable, districtId: string, id: string) {
  const [row] = await q
    .select(companyColumns)
    .from(c)
    .where(and(eq(c.districtId, districtId), eq(c.id, id)));
  return row;
}

export async function lockCompany(tx: Tx, districtId: string, id: string) {
  const [row] = await tx
    .select({ id: c.id, name: c.name, creditCode: c.creditCode, version: c.version })
    .from(c)
    .where(and(eq(c.districtId, districtId), eq(c.id, id)))
    .for('update');
  return row;
}

export async function companyByCreditCode(q: Queryable, districtId: string, code: string) {
  const [row] = await q
    .select({ id: c.id, name: c.name })
    .from(c)
    .where(and(eq(c.districtId, districtId), eq(c.creditCode, code)));
  return row;
}

export async function workUnitByName(q: Queryable, districtId: string, name: string) {
  const [row] = await q
    .select({ id: workUnits.id })
    .from(workUnits)
    .where(and(eq(workUnits.districtId, districtId), eq(workUnits.name, name)));
  return row;
}

export interface NewCompany {
  districtId: string;
  id: string;
  name: string;
  creditCode: string;
  qualification: (typeof propertyCompanies.$inferInsert)['qualification'];
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
}
/** The company and its work unit (the handle legs and accounts name), in the caller's transaction. */
export async function insertCompany(tx: Tx, row: NewCompany): Promise<void> {
  await tx.insert(workUnits).values({
    districtId: row.districtId,
    id: row.id,
    name: row.name,
    kind: 'enterprise',
    isFunctionalDepartment: false,
  });
  await tx.insert(c).values(row);
}

/** Renaming a company renames its work unit too (legs and accounts show that name). */
export async function renameWorkUnit(tx: Tx, districtId: string, id: string, name: string): Promise<void> {
  await tx
    .update(workUnits)
    .set({ name })
    .where(and(eq(workUnits.districtId, districtId), eq(workUnits.id, id)));
}

// ───────────── compounds and contracts ─────────────

const compound = alias(orgUnits, 'compound');
const community = alias(orgUnits, 'community');
const street = alias(orgUnits, 'street');

export async function findCompound(q: Queryable, districtId: string, id: string) {
  const [row] = await q
    .select({
      id: orgUnits.id,
      name: orgUnits.name,
      kind: orgUnits.kind,
      path: orgUnits.path,
      isOld: orgUnits.isOld,
      isRenovated: orgUnits.isRenovated,
    })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.id, id)));
  return row;
}

const contractColumns = {
  id: k.id,
  companyId: k.companyId,
  companyName: c.name,
  compoundId: k.compoundId,
  compoundName: compound.name,
  communityName: community.name,
  startsOn: k.startsOn,
  endsOn: k.endsOn,
  feeStandard: k.feeStandard,
  feeCentsPerSqm: k.feeCentsPerSqm,
  scope: k.scope,
  status: k.status,
  endedOn: k.endedOn,
  endReason: k.endReason,
  endNote: k.endNote,
  version: k.version,
};

/** Contracts matching `where` (plus the caller's scope predicate), active first, newest first. */
export function listContracts(q: Queryable, districtId: string, where: SQL[]): Promise<Contract[]> {
  return q
    .select(contractColumns)
    .from(k)
    .innerJoin(c, and(eq(c.districtId, k.districtId), eq(c.id, k.companyId)))
    .innerJoin(compound, and(eq(compound.districtId, k.districtId), eq(compound.id, k.compoundId)))
    .innerJoin(community, and(eq(community.districtId, compound.districtId), eq(community.id, compound.parentId)))
    .where(and(eq(k.districtId, districtId), ...where))
    .orderBy(sql`${k.status} = 'active' desc`, desc(k.startsOn), desc(k.createdAt));
}
export const contractOfCompound = (compoundId: string): SQL => eq(k.compoundId, compoundId);
export const contractOfCompany = (companyId: string): SQL => eq(k.companyId, companyId);
export const contractById = (id: string): SQL => eq(k.id, id);
export const contractColumnsForScope = { orgPath: sql`${k.orgPath}`, companyId: sql`${k.companyId}` };

export async function lockActiveContract(tx: Tx, districtId: string, compoundId: string) {
  const [row] = await tx
    .select()
    .from(k)
    .where(and(eq(k.districtId, districtId), eq(k.compoundId, compoundId), eq(k.status, 'active')))
    .for('update');
  return row;
}

export async function lockContract(tx: Tx, districtId: string, id: string) {
  const [row] = await tx
    .select()
    .from(k)
    .where(and(eq(k.districtId, districtId), eq(k.id, id)))
    .for('update');
  return row;
}
export type ContractRow = typeof propertyContracts.$inferSelect;

export async function insertContract(tx: Tx, row: typeof propertyContracts.$inferInsert): Promise<void> {
  await tx.insert(k).values(row);
}

export interface ContractEnd {
  endedOn: string;
  endReason: 'expired' | 'replaced' | 'terminated';
  endNote: string | null;
}
export async function endContract(tx: Tx, districtId: string, id: string, end: ContractEnd): Promise<void> {
  await tx
    .update(k)
    .set({ status: 'ended', ...end, version: sql`${k.version} + 1`, updatedAt: new Date() })
    .where(and(eq(k.districtId, districtId), eq(k.id, id)));
}

/** The compound's 物业公司 column the org pages show: kept equal to the active contract's company. */
export async function setCompoundCompanyName(tx: Tx, districtId: string, compoundId: string, name: string | null) {
  await tx
    .update(orgUnits)
    .set({ propertyCompany: name, updatedAt: new Date() })
    .where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.id, compoundId)));
}

/** The company serving the compound now (the active contract's), or undefined when nobody manages it. */
export async function currentCompanyOf(q: Queryable, districtId: string, compoundId: string) {
  const [row] = await q
    .select({ companyId: k.companyId, name: c.name })
    .from(k)
    .innerJoin(c, and(eq(c.districtId, k.districtId), eq(c.id, k.companyId)))
    .where(and(eq(k.districtId, districtId), eq(k.compoundId, compoundId), eq(k.status, 'active')));
  return row;
}

/** Compounds in the caller's subtree (`scope`, on the compound's path) without an active contract: 管理悬空. */
export function unmanagedCompounds(q: Queryable, districtId: string, scope: SQL, under?: string) {
  const last = sql<string | null>`(select lc.company_id from ${k} lc where lc.district_id = ${compound.districtId}
    and lc.compound_id = ${compound.id} order by lc.ended_on desc nulls last limit 1)`;
  return q
    .select({
      compoundId: compound.id,
      name: compound.name,
      communityName: community.name,
      streetId: street.id,
      streetName: street.name,
      isOld: compound.isOld,
      lastCompanyName: sql<
        string | null
      >`(select pc.name from ${c} pc where pc.district_id = ${compound.districtId} and pc.id = ${last})`,
      lastEndedOn: sql<
        string | null
      >`(select max(lc.ended_on)::text from ${k} lc where lc.district_id = ${compound.districtId} and lc.compound_id = ${compound.id})`,
    })
    .from(compound)
    .innerJoin(community, and(eq(community.districtId, compound.districtId), eq(community.id, compound.parentId)))
    .innerJoin(street, and(eq(street.districtId, community.districtId), eq(street.id, community.parentId)))
    .where(
      and(
        eq(compound.districtId, districtId),
        eq(compound.kind, 'compound'),
        scope,
        under ? like(compound.path, prefixPattern(under)) : undefined,
        sql`not exists (select 1 from ${k} a where a.district_id = ${compound.districtId} and a.compound_id = ${compound.id} and a.status = 'active')`,
      ),
    )
    .orderBy(asc(street.id), asc(community.id), asc(compound.id));
}
export const unmanagedScopeColumns = { orgPath: sql`${compound.path}` };

export async function compoundCount(q: Queryable, districtId: string, scope: SQL, under?: string): Promise<number> {
  const [row] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(compound)
    .where(
      and(
        eq(compound.districtId, districtId),
        eq(compound.kind, 'compound'),
        scope,
        under ? like(compound.path, prefixPattern(under)) : undefined,
      ),
    );
  return row?.n ?? 0;
}
export const companyScopeColumns = { companyId: sql`${c.id}` };

/** A renamed company's compounds show the new name. */
export async function renameCompoundsOf(tx: Tx, districtId: string, companyId: string, name: string): Promise<void> {
  await tx
    .update(orgUnits)
    .set({ propertyCompany: name, updatedAt: new Date() })
    .where(
      and(
        eq(orgUnits.districtId, districtId),
        inArray(
          orgUnits.id,
          tx
            .select({ id: k.compoundId })
            .from(k)
            .where(and(eq(k.districtId, districtId), eq(k.companyId, companyId), eq(k.status, 'active'))),
        ),
      ),
    );
}
