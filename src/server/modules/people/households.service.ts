import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { peopleErrors as E } from './people.errors.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { personListableSql } from '../access/minor-protection.access.js';
import { householdHash } from './people.protection.js';
import * as repo from './people.repository.js';

export const HouseholdDto = z.object({
  id: z.string(),
  buildingId: z.string(),
  unit: z.string(),
  room: z.string(),
  memberCount: z.number().int(),
  isPartyCentral: z.boolean(),
});
export const CreateHouseholdBody = z.object({
  buildingId: z.string().min(1).max(60),
  unit: z.string().trim().min(1, '请填写单元').max(10),
  room: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{1,10}$/, '房号应为数字或字母，如 302'),
});

async function requireBuilding(ctx: AppContext, actor: Actor, id: string) {
  const b = await repo.findBuilding(ctx.db, actor.districtId, id);
  if (!b) throw E.BUILDING_NOT_FOUND();
  requireAccess(actor, 'building', b);
  return b;
}

/** 户 of a building, with how many residents each has that the caller may see (a protected child counts only with identity access). */
export async function listHouseholds(ctx: AppContext, actor: Actor, buildingId: string) {
  await requireBuilding(ctx, actor, buildingId);
  const rows = await repo.buildingHouseholds(ctx.db, actor.districtId, buildingId);
  if (rows.length === 0) return rows;
  const hashes = new Map(rows.map((h) => [householdHash(ctx.crypto, h.id), h.id]));
  const protectedCounts = await repo.protectedMemberCounts(
    ctx.db,
    actor.districtId,
    [...hashes.keys()],
    personListableSql(actor),
  );
  const extra = new Map(protectedCounts.map((c) => [hashes.get(c.household_hash)!, c.n]));
  return rows.map((h) => ({ ...h, memberCount: h.memberCount + (extra.get(h.id) ?? 0) }));
}

export async function createHousehold(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateHouseholdBody>,
  ip?: string,
) {
  const b = await requireBuilding(ctx, actor, input.buildingId);
  const dupe = await repo.householdAt(ctx.db, {
    districtId: actor.districtId,
    buildingId: b.id,
    unit: input.unit,
    room: input.room,
  });
  if (dupe) throw E.HOUSEHOLD_EXISTS({ building: b.name, unit: input.unit, room: input.room });
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await repo.insertHousehold(tx, {
      districtId: actor.districtId,
      id,
      buildingId: b.id,
      compoundId: b.compoundId,
      orgPath: b.orgPath,
      unit: input.unit,
      room: input.room,
    });
    await writeAudit(
      tx,
      actor,
      { action: 'household.create', entityType: 'household', entityId: id, detail: { ...input } },
      ip,
    );
  });
  return { id, buildingId: b.id, unit: input.unit, room: input.room, memberCount: 0, isPartyCentral: false };
}
