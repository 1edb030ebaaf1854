import { and, asc, eq, exists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable, Tx } from '../../db/client.js';
import { stations } from '../org/org.tables.js';
import { people } from '../people/people.tables.js';
import type { MenuItem, Rule } from '../../../shared/canteens.schema.js';
import { canteenMenuItems, subsidyRules } from './canteens.tables.js';

/** The queries of canteens themselves: the station row, subsidy rules, menus and what a diner is entitled by. */

export async function findCanteen(q: Queryable, districtId: string, id: string) {
  const [s] = await q
    .select({ id: stations.id, name: stations.name, orgPath: stations.orgPath, kind: stations.kind })
    .from(stations)
    .where(and(eq(stations.districtId, districtId), eq(stations.id, id)));
  return s;
}

const ruleColumns = {
  id: subsidyRules.id,
  category: subsidyRules.category,
  label: subsidyRules.label,
  minAge: subsidyRules.minAge,
  maxAge: subsidyRules.maxAge,
  mode: subsidyRules.mode,
  value: subsidyRules.value,
  isActive: subsidyRules.isActive,
};

export function listRules(q: Queryable, districtId: string): Promise<Rule[]> {
  return q
    .select(ruleColumns)
    .from(subsidyRules)
    .where(eq(subsidyRules.districtId, districtId))
    .orderBy(asc(subsidyRules.category), sql`${subsidyRules.minAge} nulls first`, asc(subsidyRules.id));
}

export function activeRules(q: Queryable, districtId: string): Promise<Rule[]> {
  return q
    .select(ruleColumns)
    .from(subsidyRules)
    .where(and(eq(subsidyRules.districtId, districtId), eq(subsidyRules.isActive, true)));
}

/** Creates the rule, or replaces all of it under the same code. */
export async function upsertRule(tx: Tx, districtId: string, rule: Rule): Promise<void> {
  const { id, ...fields } = rule;
  await tx
    .insert(subsidyRules)
    .values({ districtId, id, ...fields })
    .onConflictDoUpdate({
      target: [subsidyRules.districtId, subsidyRules.id],
      set: { ...fields, updatedAt: sql`now()` },
    });
}

export function activeMenu(q: Queryable, districtId: string, stationId: string): Promise<MenuItem[]> {
  return q
    .select({
      id: canteenMenuItems.id,
      name: canteenMenuItems.name,
      meal: canteenMenuItems.meal,
      priceCents: canteenMenuItems.priceCents,
      isSilver: canteenMenuItems.isSilver,
    })
    .from(canteenMenuItems)
    .where(
      and(
        eq(canteenMenuItems.districtId, districtId),
        eq(canteenMenuItems.stationId, stationId),
        eq(canteenMenuItems.isActive, true),
      ),
    )
    .orderBy(canteenMenuItems.meal, canteenMenuItems.priceCents, canteenMenuItems.id);
}

export async function insertMenuItem(tx: Tx, row: MenuItem & { districtId: string; stationId: string }): Promise<void> {
  await tx.insert(canteenMenuItems).values(row);
}

const kin = alias(people, 'k');

/**
 * What a diner's subsidy depends on: birth date, tags, and whether their household has a child in
 * difficulty (留守儿童家庭). A minor-protection guardian's birth date and household are encrypted
 * (people.protection.ts): no birth date here then, and the household is matched by its keyed hash.
 */
export async function dinerFacts(q: Queryable, districtId: string, personId: string) {
  const [p] = await q
    .select({
      birthDate: people.birthDate,
      tags: people.tags,
      leftBehind: sql<boolean>`${exists(
        q
          .select({ one: sql`1` })
          .from(kin)
          .where(
            and(
              eq(kin.districtId, people.districtId),
              sql`'child_in_difficulty' = any(${kin.tags})`,
              or(eq(kin.householdId, people.householdId), eq(kin.householdHash, people.householdHash)),
            ),
          ),
      )}`,
    })
    .from(people)
    .where(and(eq(people.districtId, districtId), eq(people.id, personId)));
  return p;
}

export async function personExists(q: Queryable, districtId: string, personId: string): Promise<boolean> {
  const [p] = await q
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.districtId, districtId), eq(people.id, personId)));
  return p !== undefined;
}
