import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { peopleErrors as E } from './people.errors.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { buildings } from '../org/org.tables.js';
import { queryRows } from '../../db/client.js';
import { personListableSql } from '../access/minor-protection.access.js';
import { householdHash } from './people.protection.js';
import { households } from './people.tables.js';

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
  const [b] = await ctx.db
    .select()
    .from(buildings)
    .where(and(eq(buildings.districtId, actor.districtId), eq(buildings.id, id)));
  if (!b) throw E.BUILDING_NOT_FOUND();
  requireAccess(actor, 'building', b);
  return b;
}

/** 户 of a building, with how many residents each has that the caller may see (a protected child counts only with identity access). */
export async function listHouseholds(ctx: AppContext, actor: Actor, buildingId: string) {
  await requireBuilding(ctx, actor, buildingId);
  const rows = await ctx.db
    .select({
      id: households.id,
      buildingId: households.buildingId,
      unit: households.unit,
      room: households.room,
      isPartyCentral: households.isPartyCentral,
      memberCount: sql<number>`(select count(*)::int from people p where p.district_id = "households"."district_id" and p.household_id = "households"."id")`,
    })
    .from(households)
    .where(and(eq(households.districtId, actor.districtId), eq(households.buildingId, buildingId)))
    .orderBy(asc(households.unit), sql`length(${households.room})`, asc(households.room));
  if (rows.length === 0) return rows;
  const hashes = new Map(rows.map((h) => [householdHash(ctx.crypto, h.id), h.id]));
  const protectedCounts = await queryRows<{ household_hash: string; n: number }>(
    ctx.db,
    sql`
    select p.household_hash, count(*)::int as n from people p
    where p.district_id = ${actor.districtId} and p.household_hash in (${sql.join(
      [...hashes.keys()].map((x) => sql`${x}`),
      sql`, `,
    )}) and ${personListableSql(actor)}
    group by p.household_hash`,
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
  const [dupe] = await ctx.db
    .select({ id: households.id })
    .from(households)
    .where(
      and(
        eq(households.districtId, actor.districtId),
        eq(households.buildingId, b.id),
        eq(households.unit, input.unit),
        eq(households.room, input.room),
      ),
    );
  if (dupe) throw E.HOUSEHOLD_EXISTS({ building: b.name, unit: input.unit, room: input.room });
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(households).values({
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
