import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/client.js';
import type { AttachmentLinkKind } from '../../../shared/attachments.constants.js';
import type { AttachmentLink } from '../access/attachments.access.js';
import { minorCases } from '../minor-protection/minor-protection.tables.js';
import { jointMeetings, workOrderLegs, workOrders } from '../work-orders/work-orders.tables.js';
import { patrols } from '../patrols/patrols.tables.js';
import { attachments } from './attachments.tables.js';
// ── party-life ──
import { partyLifeBranchOf } from '../party-life/repository/activities.repository.js';
import { progressPath } from '../party/repository/programmes.repository.js';

export type AttachmentRow = typeof attachments.$inferSelect;

export async function insertAttachment(q: Queryable, row: typeof attachments.$inferInsert): Promise<void> {
  await q.insert(attachments).values(row);
}

export async function findAttachment(q: Queryable, districtId: string, id: string): Promise<AttachmentRow | null> {
  const [r] = await q
    .select()
    .from(attachments)
    .where(and(eq(attachments.districtId, districtId), eq(attachments.id, id)));
  return r ?? null;
}

/** The rows of these ids, locked for linking (only rows still unlinked). */
export function unlinkedForUpdate(tx: Tx, districtId: string, ids: string[]) {
  return tx
    .select()
    .from(attachments)
    .where(and(eq(attachments.districtId, districtId), inArray(attachments.id, ids), isNull(attachments.linkedKind)))
    .for('update');
}

export async function markLinked(
  tx: Tx,
  districtId: string,
  ids: string[],
  link: { kind: AttachmentLinkKind; id: string; part: string | null },
): Promise<void> {
  await tx
    .update(attachments)
    .set({ linkedKind: link.kind, linkedId: link.id, linkedPart: link.part, linkedAt: new Date() })
    .where(and(eq(attachments.districtId, districtId), inArray(attachments.id, ids)));
}

/** The files linked to some records of one kind, oldest first (for the record's detail page). */
export function linkedTo(q: Queryable, districtId: string, kind: AttachmentLinkKind, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([] as AttachmentRow[]);
  return q
    .select()
    .from(attachments)
    .where(
      and(eq(attachments.districtId, districtId), eq(attachments.linkedKind, kind), inArray(attachments.linkedId, ids)),
    )
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

/** What the access rule needs of the record a file is linked to, or null when that record is gone. */
export async function linkedRecord(
  q: Queryable,
  districtId: string,
  kind: AttachmentLinkKind,
  id: string,
): Promise<AttachmentLink | null> {
  switch (kind) {
    case 'work_order': {
      const [o] = await q
        .select({
          orgPath: workOrders.orgPath,
          reporterUserId: workOrders.reporterUserId,
          units: sql<(string | null)[]>`coalesce((select array_agg(${workOrderLegs.workUnitId}) from ${workOrderLegs}
            where ${workOrderLegs.districtId} = ${workOrders.districtId} and ${workOrderLegs.orderId} = ${workOrders.id}), '{}')`,
        })
        .from(workOrders)
        .where(and(eq(workOrders.districtId, districtId), eq(workOrders.id, id)));
      return o
        ? { kind, record: { orgPath: o.orgPath, reporterUserId: o.reporterUserId, legWorkUnitIds: o.units } }
        : null;
    }
    case 'meeting': {
      const [m] = await q
        .select({ orgPath: jointMeetings.orgPath })
        .from(jointMeetings)
        .where(and(eq(jointMeetings.districtId, districtId), eq(jointMeetings.id, id)));
      return m ? { kind, record: { orgPath: m.orgPath } } : null;
    }
    case 'minor_case': {
      const [c] = await q
        .select({ orgPath: minorCases.orgPath, workerUserId: minorCases.workerUserId, status: minorCases.status })
        .from(minorCases)
        .where(and(eq(minorCases.districtId, districtId), eq(minorCases.id, id)));
      return c ? { kind, record: c } : null;
    }
    // ── party-life ──
    case 'party_activity':
    case 'party_check': {
      const b = await partyLifeBranchOf(q, districtId, kind, id);
      return b ? { kind, record: b } : null;
    }
    case 'party_programme': {
      const e = await progressPath(q, districtId, id);
      return e ? { kind, record: e } : null;
    }
    case 'patrol': {
      const [p] = await q
        .select({ orgPath: patrols.orgPath, workerUserId: patrols.workerUserId })
        .from(patrols)
        .where(and(eq(patrols.districtId, districtId), eq(patrols.id, id)));
      return p ? { kind, record: p } : null;
    }
  }
}
