import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { users } from '../auth/auth.tables.js';
import { purchaseJurors, purchaseOrgs } from '../service-purchase/service-purchase.tables.js';
import type { Recipient } from './notifications.repository.js';

/** Who hears of a purchase-of-services round: its jurors, and the district's registered organisations. */
export async function jurorsOf(q: Queryable, districtId: string, roundId: string): Promise<string[]> {
  const rows = await q
    .select({ id: purchaseJurors.userId })
    .from(purchaseJurors)
    .where(and(eq(purchaseJurors.districtId, districtId), eq(purchaseJurors.roundId, roundId)));
  return rows.map((r) => r.id);
}

/** The active accounts of the district's registered social organisations (a call's amendment is news to all of them). */
export function orgAccountsOf(q: Queryable, districtId: string): Promise<Recipient[]> {
  return q
    .select({ id: users.id, role: users.role })
    .from(purchaseOrgs)
    .innerJoin(users, and(eq(users.districtId, purchaseOrgs.districtId), eq(users.id, purchaseOrgs.accountUserId)))
    .where(and(eq(purchaseOrgs.districtId, districtId), eq(users.isActive, true)));
}
