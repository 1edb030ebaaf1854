import type { Queryable } from '../../db/client.js';
import type { WebhookTarget } from './notify.config.js';
import {
  caseStreet,
  orderContext,
  unitPath,
  usersAbove,
  usersByIds,
  usersOfWorkUnit,
  type OrderContext,
  type OutboxRow,
} from './notifications.repository.js';
import { jurorsOf, orgAccountsOf } from './purchase-recipients.repository.js';

/**
 * Who a reminder is for, resolved from the hierarchy when it is delivered (not when it was written):
 * the compound's grid worker, branch secretary and community workers for a new order; the community for
 * dispatching; the handling unit for a leg; the street, then the district, for escalations; the resident
 * who reported it for a result to confirm; the assigned social worker and the street's station head in
 * minor protection; the round's jurors; the street that signed a contract; the departments a whistle summons; the owner unit of a
 * joint-meeting decision; the compound's staff for a residents' proposal with enough households behind it.
 */
export interface Resolved {
  userIds: string[];
  /** the record's org path, for webhook scopes (null: no group robot gets it) */
  path: string | null;
  extra: Record<string, string | number | null>;
}

const ACCEPTORS = ['grid_worker', 'branch_secretary', 'community_worker'];
const DISPATCHERS = ['community_worker'];
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

async function legHandlers(
  q: Queryable,
  d: string,
  o: OrderContext,
  leg: { handlerKind: string; workUnitId: string | null },
) {
  if (leg.handlerKind === 'department' && leg.workUnitId) return usersOfWorkUnit(q, d, leg.workUnitId);
  // the community itself, the property company and the owners' committee are worked by the community's staff
  return usersAbove(
    q,
    d,
    leg.handlerKind === 'community' ? DISPATCHERS : ['community_worker', 'grid_worker'],
    o.orgPath,
  );
}

/** Whoever holds the order's current step. */
async function currentHandlers(q: Queryable, d: string, o: OrderContext) {
  if (o.status === 'new') return usersAbove(q, d, ACCEPTORS, o.orgPath);
  if (o.status === 'accepted') return usersAbove(q, d, DISPATCHERS, o.orgPath);
  if (o.status === 'dispatched') {
    const all = await Promise.all(o.legs.map((l) => legHandlers(q, d, o, l)));
    return all.flat();
  }
  if (o.status === 'fulfilled')
    return o.reporterUserId ? usersByIds(q, d, [o.reporterUserId]) : usersAbove(q, d, DISPATCHERS, o.orgPath);
  return [];
}

async function orderRecipients(q: Queryable, row: OutboxRow, o: OrderContext) {
  const d = row.districtId;
  const p = row.payload;
  switch (row.topic) {
    case 'order.to_accept':
      return usersAbove(q, d, ACCEPTORS, o.orgPath);
    case 'order.to_dispatch':
    case 'order.extension_requested':
    case 'order.returned':
      return usersAbove(q, d, DISPATCHERS, o.orgPath);
    case 'order.to_fulfil':
      return legHandlers(q, d, o, { handlerKind: String(p.handlerKind), workUnitId: str(p.workUnitId) });
    case 'order.extension_decided':
      return str(p.requestedBy) ? usersByIds(q, d, [str(p.requestedBy)!]) : [];
    case 'order.to_confirm':
      return o.reporterUserId ? usersByIds(q, d, [o.reporterUserId]) : usersAbove(q, d, DISPATCHERS, o.orgPath);
    case 'order.overdue':
    case 'order.escalated': {
      const level = Number(p.level ?? 1);
      const above = await usersAbove(q, d, [level >= 2 ? 'district_admin' : 'street_staff'], o.orgPath);
      return [...above, ...(await currentHandlers(q, d, o))];
    }
    default: // order.due_soon, order.supervised
      return currentHandlers(q, d, o);
  }
}

async function stationHeads(q: Queryable, d: string, streetId: string | null) {
  const path = streetId ? await unitPath(q, d, streetId) : undefined;
  return path ? usersAbove(q, d, ['minor_station_head'], path) : [];
}

export async function resolveRecipients(q: Queryable, row: OutboxRow): Promise<Resolved> {
  const d = row.districtId;
  const p = row.payload;
  const done = (list: { id: string }[], path: string | null, extra: Resolved['extra'] = {}): Resolved => ({
    userIds: [...new Set(list.map((u) => u.id))],
    path,
    extra,
  });
  if (row.topic.startsWith('order.')) {
    const o = str(p.orderId) ? await orderContext(q, d, str(p.orderId)!) : undefined;
    if (!o) return done([], null);
    return done(await orderRecipients(q, row, o), o.orgPath, { title: o.title, no: o.no });
  }
  if (row.topic.startsWith('minor.')) {
    // minor protection never reaches a group robot: path null
    if (row.topic === 'minor.assigned')
      return done(str(p.workerUserId) ? await usersByIds(q, d, [str(p.workerUserId)!]) : [], null);
    if (row.topic === 'minor.referral') {
      if (str(p.receiverUserId)) return done(await usersByIds(q, d, [str(p.receiverUserId)!]), null);
      return done(str(p.workUnitId) ? await usersOfWorkUnit(q, d, str(p.workUnitId)!) : [], null);
    }
    const street = str(p.streetId) ?? (str(p.caseId) ? ((await caseStreet(q, d, str(p.caseId)!)) ?? null) : null);
    return done(await stationHeads(q, d, street), null);
  }
  if (row.topic === 'volunteers.hours_to_confirm' && str(p.orgPath))
    return done(await usersAbove(q, d, ACCEPTORS, str(p.orgPath)!), str(p.orgPath));
  if (row.topic === 'purchase.proposals_to_score' && str(p.roundId))
    return done(await usersByIds(q, d, await jurorsOf(q, d, str(p.roundId)!)), null);
  if (row.topic === 'purchase.round_amended') return done(await orgAccountsOf(q, d), null);
  if (row.topic.startsWith('assessment.')) {
    // 申诉 and 回访 reach staff only, never a group robot
    const o = str(p.orderId) ? await orderContext(q, d, str(p.orderId)!) : undefined;
    if (!o) return done([], null);
    const extra = { no: o.no, unitName: str(p.unitName) };
    if (row.topic === 'assessment.appeal_filed') {
      const roles = Array.isArray(p.reviewerRoles)
        ? p.reviewerRoles.filter((r): r is string => typeof r === 'string')
        : [];
      return done(await usersAbove(q, d, roles.length ? roles : ['district_admin'], o.orgPath), null, extra);
    }
    if (row.topic === 'assessment.appeal_decided') {
      const approved = p.status === 'approved';
      return done(str(p.filedBy) ? await usersByIds(q, d, [str(p.filedBy)!]) : [], null, {
        ...extra,
        outcomeZh: approved ? '已核减，该工单不再计入本单位考核' : '未予核减',
        outcomeEn: approved ? 'approved: the order no longer counts for the unit' : 'refused',
      });
    }
    return done(await usersAbove(q, d, ['street_staff'], o.orgPath), null, extra);
  }
  if (row.topic === 'whistle.blown' && Array.isArray(p.departmentIds)) {
    // the summoned departments' staff; the compound's path lets a group robot configured for it hear it too
    const ids = p.departmentIds.filter((x): x is string => typeof x === 'string');
    const staff = (await Promise.all(ids.map((w) => usersOfWorkUnit(q, d, w)))).flat();
    return done(staff, str(p.orgPath), { owner: str(p.ownerName), compound: str(p.compoundName) });
  }
  if (row.topic === 'proposal.ready' && str(p.orgPath)) {
    // the compound's grid worker, branch secretary and community workers: those who convene its meetings
    return done(await usersAbove(q, d, ACCEPTORS, str(p.orgPath)!), null, { compound: str(p.compoundName) });
  }
  if (row.topic === 'meeting.action_assigned' && str(p.ownerUnitId)) {
    // the staff of the department, or the accounts of the property company, the decision names
    const staff = await usersOfWorkUnit(q, d, str(p.ownerUnitId)!, ['department_staff', 'property_company']);
    return done(staff, str(p.orgPath), {
      compound: str(p.compoundName),
      heldOn: str(p.heldOn),
      dueOn: str(p.dueOn),
    });
  }
  if (row.topic === 'purchase.tranche_to_review' && str(p.orgPath))
    return done(await usersAbove(q, d, ['street_staff'], str(p.orgPath)!), null);
  return done([], null);
}

/** The group robots that take this topic for this record. */
export function webhooksFor(all: WebhookTarget[], topic: string, path: string | null): WebhookTarget[] {
  if (path === null) return [];
  return all.filter(
    (w) => (w.topics ?? ['order.']).some((t) => topic.startsWith(t)) && (!w.scope || path.startsWith(w.scope)),
  );
}
