import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import type { Delivery, DeliveryBody } from '../../../shared/canteens.schema.js';
import { E } from './canteens.errors.js';
import { personExists } from './canteens.repository.js';
import { canteenFor } from './canteens.service.js';
import * as repo from './meals.repository.js';
import { serveMeal } from './menus.service.js';

/** 送餐: meals ordered for a diner's home, recorded as served (with their subsidy) when delivered. */

export async function orderDelivery(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  input: z.infer<typeof DeliveryBody>,
  ip?: string,
): Promise<Delivery> {
  const c = await canteenFor(ctx.db, actor, stationId, 'write');
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    if (!(await personExists(tx, actor.districtId, input.personId))) throw E.PERSON_NOT_FOUND();
    await repo.insertDelivery(tx, {
      districtId: actor.districtId,
      id,
      stationId,
      orgPath: c.orgPath,
      personId: input.personId,
      servedOn: input.servedOn,
      meal: input.meal,
      address: input.address,
      createdBy: actor.userId,
    });
    await writeAudit(
      tx,
      actor,
      { action: 'canteen_delivery.order', entityType: 'station', entityId: stationId, detail: { deliveryId: id } },
      ip,
    );
  });
  return (await repo.deliveryById(ctx.db, actor.districtId, id))!;
}

export async function listDeliveries(ctx: AppContext, actor: Actor, stationId: string): Promise<{ items: Delivery[] }> {
  await canteenFor(ctx.db, actor, stationId, 'write');
  return { items: await repo.deliveriesOf(ctx.db, actor.districtId, stationId) };
}

/** 送达: the meal is recorded (with its subsidy, duplicate-checked) and the order closed in one transaction. */
export async function deliver(
  ctx: AppContext,
  actor: Actor,
  deliveryId: string,
  priceCents: number,
  ip?: string,
): Promise<Delivery> {
  await ctx.db.transaction(async (tx) => {
    const delivery = await repo.lockDelivery(tx, actor.districtId, deliveryId);
    if (!delivery) throw E.DELIVERY_NOT_FOUND();
    const c = await canteenFor(tx, actor, delivery.stationId, 'write');
    if (delivery.status !== 'ordered') throw E.DELIVERY_STATE_INVALID();
    const mealId = await serveMeal(tx, actor, c, {
      personId: delivery.personId,
      meal: delivery.meal,
      servedOn: delivery.servedOn,
      priceCents,
      isDelivery: true,
    });
    await repo.markDelivered(tx, actor.districtId, deliveryId, mealId);
    await writeAudit(
      tx,
      actor,
      { action: 'canteen_delivery.deliver', entityType: 'station', entityId: c.id, detail: { deliveryId, mealId } },
      ip,
    );
  });
  return (await repo.deliveryById(ctx.db, actor.districtId, deliveryId))!;
}
