/**
 * The work-order engine: 小区接单 → 社区派单 → 部门兑单 → 居民评价 → 办结, with return, extension,
 * escalation, supervision, reopen and merge. Each step is an operation file; every transition is one
 * transaction that locks the order, checks its version, writes the timeline event, the audit row and
 * any outbox reminder (transition.ts). This file is the module's face to the other modules.
 */
export { CONFIRM_DAYS, REOPEN_WINDOW_DAYS } from '../../../shared/work-orders.constants.js';
export { visibilitySql } from './repository/orders.repository.js';
export { reserveOrderNumbers } from './repository/create.repository.js';
export { exportOrders, getOrder, getPhoto, listOrders } from './orders.service.js';
export { createOrder } from './create.service.js';
export { acceptOrder, dispatchOrder } from './dispatch.service.js';
export { fulfilLeg, returnLeg, signLeg } from './legs.service.js';
export { decideExtension, requestExtension } from './extensions.service.js';
export { confirmOrder, reopenOrder } from './closing.service.js';
export { escalateOrder, superviseOrder } from './oversight.service.js';
export { mergeOrder } from './merge.service.js';
export { recordEvents } from './transition.js';
export { sweepOverdue } from './escalation-sweep.service.js';
