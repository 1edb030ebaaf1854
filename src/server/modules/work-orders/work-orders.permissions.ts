import type { OrderCan } from '../../../shared/work-orders.schema.js';
import { REOPEN_WINDOW_DAYS } from '../../../shared/work-orders.constants.js';
import { can, type Actor } from '../access/access.policy.js';
import { canAccess, requireAccess } from '../access/access.records.js';
import type { Leg, Order } from './repository/orders.repository.js';

/** What an actor may do with an order (the rules themselves are in access/work-orders.access.ts). */
export const orderRecord = (order: Order, legs: Leg[]) => ({
  orgPath: order.orgPath,
  reporterUserId: order.reporterUserId,
  legWorkUnitIds: legs.map((l) => l.workUnitId),
});
export const legRecord = (order: Order, leg: Leg) => ({
  orgPath: order.orgPath,
  handlerKind: leg.handlerKind,
  workUnitId: leg.workUnitId,
  status: leg.status,
});

export function assertCanSee(actor: Actor, order: Order, legs: Leg[]): void {
  requireAccess(actor, 'workOrder', orderRecord(order, legs));
}

/** May this actor act on this leg (兑单, 退回, 申请延期)? */
const canWorkLeg = (actor: Actor, order: Order, leg: Leg) => canAccess(actor, 'leg', legRecord(order, leg), 'work');

/** Staff of the order's subtree with the ability to dispatch: who decide extensions, escalate and merge. */
export const dispatchesFor = (actor: Actor, order: Order, legs: Leg[]) =>
  can(actor, 'orders.dispatch') && canAccess(actor, 'workOrder', orderRecord(order, legs), 'handle');

export function permissions(actor: Actor, order: Order, legs: Leg[], pendingExt: boolean): OrderCan {
  const rec = orderRecord(order, legs);
  const staffInScope = canAccess(actor, 'workOrder', rec, 'handle');
  const isReporter = canAccess(actor, 'workOrder', rec, 'report');
  const open = order.status !== 'closed';
  return {
    accept: order.status === 'new' && can(actor, 'orders.accept') && staffInScope,
    dispatch:
      (order.status === 'accepted' || order.status === 'dispatched') && can(actor, 'orders.dispatch') && staffInScope,
    fulfil: legs.filter((l) => canWorkLeg(actor, order, l)).map((l) => l.id),
    sign: legs.filter((l) => l.status === 'open' && !l.signedAt && canWorkLeg(actor, order, l)).map((l) => l.id),
    confirm: order.status === 'fulfilled' && can(actor, 'orders.confirm') && (isReporter || staffInScope),
    requestExtension: legs.filter((l) => canWorkLeg(actor, order, l) && !l.pausedAt).map((l) => l.id),
    decideExtension: pendingExt && can(actor, 'orders.dispatch') && staffInScope,
    escalate: open && order.escalationLevel < 2 && can(actor, 'orders.dispatch') && staffInScope,
    supervise: open && can(actor, 'orders.supervise') && staffInScope,
    merge: open && !!order.possibleDuplicateOf && can(actor, 'orders.dispatch') && staffInScope,
    reopen:
      order.status === 'closed' &&
      !order.mergedInto &&
      !!order.closedAt &&
      Date.now() - order.closedAt.getTime() < REOPEN_WINDOW_DAYS * 86400_000 &&
      (isReporter || (can(actor, 'orders.confirm') && staffInScope)),
  };
}
