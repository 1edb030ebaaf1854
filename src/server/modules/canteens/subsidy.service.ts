import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import type { Rule, RuleBody, SubsidyCategory } from '../../../shared/canteens.schema.js';
import { E } from './canteens.errors.js';
import * as repo from './canteens.repository.js';

/** 幸福餐厅补贴规则 (percent off, a fixed amount off, or free; by category and age band) and the best one for a diner. */

export async function listRules(ctx: AppContext, actor: Actor): Promise<{ items: Rule[] }> {
  return { items: await repo.listRules(ctx.db, actor.districtId) };
}

export async function saveRule(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof RuleBody>,
  ip?: string,
): Promise<Rule> {
  if (input.category === 'elderly' && input.minAge === null) throw E.RULE_AGE_REQUIRED();
  if (input.minAge !== null && input.maxAge !== null && input.maxAge < input.minAge) throw E.RULE_AGE_INVALID();
  if (input.mode === 'percent' && input.value > 100) throw E.RULE_VALUE_INVALID();
  await ctx.db.transaction(async (tx) => {
    await repo.upsertRule(tx, actor.districtId, { id, ...input });
    await writeAudit(
      tx,
      actor,
      { action: 'canteen_rule.save', entityType: 'canteen_subsidy_rule', entityId: id, detail: input },
      ip,
    );
  });
  return { id, ...input };
}

/** Age in whole years on a day (both `YYYY-MM-DD`). */
function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export interface SubsidyQuestion {
  districtId: string;
  personId: string | null;
  declared: SubsidyCategory | undefined;
  priceCents: number;
  /** the day served, `YYYY-MM-DD` */
  on: string;
}

/** What the rules look at in a diner on a day: their age and the categories they belong to. */
export interface Entitlement {
  age: number | null;
  categories: SubsidyCategory[];
}

/** A diner's age and categories: age bands, 低保, disability, left-behind families, declared occupations. */
export async function entitlementOf(
  q: Queryable,
  { districtId, personId, declared, on }: Omit<SubsidyQuestion, 'priceCents'>,
): Promise<Entitlement> {
  const eligible = new Set<SubsidyCategory>(declared ? [declared] : []);
  let age: number | null = null;
  if (personId) {
    const person = await repo.dinerFacts(q, districtId, personId);
    if (!person) throw E.PERSON_NOT_FOUND();
    if (person.birthDate) {
      age = ageOn(person.birthDate, on);
      if (age >= 60) eligible.add('elderly');
    }
    if (person.tags.includes('low_income')) eligible.add('low_income');
    if (person.tags.includes('disabled')) eligible.add('disabled');
    if (person.tags.includes('rider')) eligible.add('courier');
    if (person.leftBehind) eligible.add('left_behind_family');
  }
  return { age, categories: [...eligible] };
}

/** The rule that pays most on this price for this diner (none when no rule applies). */
export function bestRule(
  rules: readonly Rule[],
  { age, categories }: Entitlement,
  priceCents: number,
): { rule: Rule | null; subsidyCents: number } {
  let best: { rule: Rule | null; subsidyCents: number } = { rule: null, subsidyCents: 0 };
  for (const r of rules) {
    if (!categories.includes(r.category)) continue;
    if (
      r.category === 'elderly' &&
      (age === null || (r.minAge !== null && age < r.minAge) || (r.maxAge !== null && age > r.maxAge))
    )
      continue;
    const s =
      r.mode === 'free'
        ? priceCents
        : r.mode === 'percent'
          ? Math.round((priceCents * r.value) / 100)
          : Math.min(priceCents, r.value);
    if (s > best.subsidyCents) best = { rule: r, subsidyCents: s };
  }
  return best;
}

/** The best benefit a diner is entitled to for a price, by the district's active rules. */
export async function bestSubsidy(
  q: Queryable,
  question: SubsidyQuestion,
): Promise<{ rule: Rule | null; subsidyCents: number }> {
  const rules = await repo.activeRules(q, question.districtId);
  return bestRule(rules, await entitlementOf(q, question), question.priceCents);
}
