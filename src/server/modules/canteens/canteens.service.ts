import type { Queryable } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import type { MealKind } from '../../../shared/canteens.schema.js';
import { E } from './canteens.errors.js';
import { findCanteen } from './canteens.repository.js';

/**
 * 幸福餐厅: menus and meals served with the subsidy the district's rules give each diner
 * (menus.service.ts, subsidy.service.ts), delivery orders (delivery.service.ts) and the monthly
 * settlement per canteen (settlement.service.ts, settlement.workbook.ts). A subsidised meal is unique
 * per person, meal and day across all canteens (a partial unique index), so the same claim cannot be
 * paid twice. This file holds what they share.
 */

export const MEAL_LABELS: Record<MealKind, string> = { breakfast: '早餐', lunch: '午餐', dinner: '晚餐' };

export interface Canteen {
  id: string;
  name: string;
  orgPath: string;
}

/** The canteen a request names, if it is one and the actor may read (or work in) it. */
export async function canteenFor(q: Queryable, actor: Actor, id: string, action: 'read' | 'write'): Promise<Canteen> {
  const s = await findCanteen(q, actor.districtId, id);
  if (!s) throw E.CANTEEN_NOT_FOUND();
  if (s.kind !== 'canteen') throw E.NOT_A_CANTEEN();
  requireAccess(actor, 'canteen', { orgPath: s.orgPath }, action);
  return { id: s.id, name: s.name, orgPath: s.orgPath };
}

/** A unique violation from either driver (node-postgres puts the code on the error, drizzle on its cause). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return (e.cause?.code ?? e.code) === '23505';
}
