import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { requireState } from '../../lib/errors.js';
import { addWorkingDays } from '../../lib/working-days.js';
import type { Actor } from '../access/access.policy.js';
import type { DispatchInput } from '../../../shared/work-orders.schema.js';
import { DEPARTMENT_REQUIRED, E, STATE } from './work-orders.errors.js';
import { categoryOf, insertLeg, workUnitExists } from './repository/transitions.repository.js';
import { transition } from './transition.js';
import { currentCompanyOf } from '../property/property.repository.js';
import { catalogueEntryFor } from '../catalogue/catalogue.lookup.js';

/** 小区接单 and 社区派单: the compound takes the order, the community hands it to one or more handlers. */
export interface OrderStep {
  id: string;
  ip?: string;
}

export function acceptOrder(ctx: AppContext, actor: Actor, step: OrderStep & { version: number; note?: string }) {
  return transition({
    ctx,
    actor,
    id: step.id,
    version: step.version,
    action: 'accept',
    ip: step.ip,
    apply: async (tx, order) => {
      requireState(order.status === 'new', STATE.notNew);
      const category = await categoryOf(tx, actor.districtId, order.categoryId);
      const stageDueAt = addWorkingDays(new Date(), category?.dispatchDays ?? 1);
      return {
        order: { status: 'accepted', stageDueAt },
        events: [{ type: 'accepted', note: step.note ?? null }],
        outbox: [{ topic: 'order.to_dispatch', payload: { dueAt: stageDueAt.toISOString() } }],
      };
    },
  });
}

export function dispatchOrder(ctx: AppContext, actor: Actor, step: OrderStep & DispatchInput) {
  const { id } = step;
  return transition({
    ctx,
    actor,
    id,
    version: step.version,
    action: 'dispatch',
    ip: step.ip,
    apply: async (tx, order, legs) => {
      requireState(order.status === 'accepted' || order.status === 'dispatched', STATE.notAccepted);
      const category = await categoryOf(tx, actor.districtId, order.categoryId);
      const now = new Date();
      // 派单目录: the version in force today times the legs and is kept on the event (the order's record of it)
      const catalogue = await catalogueEntryFor(tx, actor.districtId, order.categoryId, now);
      const due = addWorkingDays(now, catalogue?.handleDays ?? category?.handleDays ?? 5);
      const assigned: { handlerKind: string; workUnitId: string | null }[] = [];
      for (const leg of step.legs) {
        if (leg.handlerKind === 'department') {
          if (!leg.workUnitId) throw DEPARTMENT_REQUIRED.dispatch();
          requireState(await workUnitExists(tx, actor.districtId, leg.workUnitId), E.DEPARTMENT_NOT_FOUND);
        }
        // a property leg goes to the compound's contracted company; a compound nobody manages (管理悬空) leaves it with the community
        const workUnitId =
          leg.handlerKind === 'department'
            ? leg.workUnitId!
            : leg.handlerKind === 'property'
              ? ((await currentCompanyOf(tx, actor.districtId, order.compoundId))?.companyId ?? null)
              : null;
        assigned.push({ handlerKind: leg.handlerKind, workUnitId });
        requireState(
          !legs.some((l) => l.status === 'open' && l.handlerKind === leg.handlerKind && l.workUnitId === workUnitId),
          E.LEG_ALREADY_OPEN,
        );
        await insertLeg(tx, {
          districtId: actor.districtId,
          id: randomUUID(),
          orderId: id,
          handlerKind: leg.handlerKind,
          workUnitId,
          status: 'open',
          dueAt: due,
        });
      }
      return {
        order: { status: 'dispatched', stageDueAt: null },
        events: [
          {
            // 追加派单 while other legs are still open; 改派 when every earlier leg came back or was done
            type: legs.some((l) => l.status === 'open') ? 'dispatch_added' : legs.length ? 'reassigned' : 'dispatched',
            note: step.note ?? null,
            data: {
              legs: step.legs,
              dueAt: due.toISOString(),
              ...(catalogue && {
                catalogue: {
                  versionId: catalogue.version.id,
                  categoryId: catalogue.entry.categoryId,
                  handlers: catalogue.entry.handlers,
                },
              }),
            },
          },
        ],
        outbox: assigned.map((l) => ({
          topic: 'order.to_fulfil',
          payload: { handlerKind: l.handlerKind, workUnitId: l.workUnitId, dueAt: due.toISOString() },
        })),
      };
    },
  });
}
