import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { iso } from '../../lib/time.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import type { z } from 'zod';
import type {
  CreateNeedBody,
  JurorAccount,
  Need,
  Org,
  RegisterOrgBody,
} from '../../../shared/service-purchase.schema.js';
import {
  consultationForNeed,
  creditCodeTaken,
  insertNeed,
  insertOrg,
  jurorAccounts,
  orgOfAccount,
  orgUnit,
  visibleNeeds,
} from './repository/orgs.repository.js';
import type { By } from './service-purchase.by.js';
import { PurchaseErrors as E } from './service-purchase.errors.js';

/** The call's inputs: the social organisations that apply, the residents' needs communities collect, the juror accounts. */

export async function myOrg(ctx: AppContext, actor: Actor): Promise<Org | null> {
  const o = await orgOfAccount(ctx.db, actor.districtId, actor.userId);
  return o ? { id: o.id, name: o.name, creditCode: o.creditCode, legalRep: o.legalRep, intro: o.intro } : null;
}

export async function registerOrg(ctx: AppContext, by: By, input: z.infer<typeof RegisterOrgBody>): Promise<Org> {
  const { actor } = by;
  if (await myOrg(ctx, actor)) throw E.ORG_ALREADY_REGISTERED();
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    if (await creditCodeTaken(tx, actor.districtId, input.creditCode)) throw E.ORG_CREDIT_CODE_TAKEN();
    await insertOrg(tx, { districtId: actor.districtId, id, ...input, accountUserId: actor.userId });
    await writeAudit(
      tx,
      actor,
      { action: 'purchase.org.register', entityType: 'purchase_org', entityId: id, detail: { name: input.name } },
      by.ip,
    );
  });
  return (await myOrg(ctx, actor))!;
}

/** Needs are the call's public input: organisations and the agent (bound to the district) see all, staff their subtree. */
export async function listNeeds(ctx: AppContext, actor: Actor): Promise<Need[]> {
  const rows = await visibleNeeds(ctx.db, actor);
  return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) }));
}

export async function createNeed(ctx: AppContext, by: By, input: z.infer<typeof CreateNeedBody>): Promise<Need> {
  const { actor } = by;
  const c = await orgUnit(ctx.db, actor.districtId, input.communityId);
  if (!c || (c.kind !== 'community' && c.kind !== 'village')) throw E.COMMUNITY_NOT_FOUND();
  requireAccess(actor, 'orgUnit', { orgPath: c.path }, 'read', { what: '该社区' });
  // 调查民情、征求民意: a need may come from a closed consultation of the community or one of its compounds
  let residents = input.residents;
  if (input.consultationId) {
    const s = await consultationForNeed(ctx.db, actor.districtId, input.consultationId);
    if (!s) throw E.NEED_CONSULTATION_NOT_FOUND();
    requireAccess(actor, 'consultation', { orgPath: s.orgPath });
    if (!s.orgPath.startsWith(c.path)) throw E.NEED_CONSULTATION_ELSEWHERE({ title: s.title });
    if (!s.closed) throw E.NEED_CONSULTATION_OPEN({ title: s.title });
    if (!residents) residents = s.ballots;
  }
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await insertNeed(tx, {
      districtId: actor.districtId,
      id,
      communityId: c.id,
      orgPath: c.path,
      title: input.title,
      description: input.description,
      category: input.category,
      residents,
      consultationId: input.consultationId ?? null,
      createdBy: actor.userId,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'purchase.need.create',
        entityType: 'purchase_need',
        entityId: id,
        detail: { title: input.title, consultationId: input.consultationId ?? null },
      },
      by.ip,
    );
  });
  return (await listNeeds(ctx, actor)).find((n) => n.id === id)!;
}

/** Juror accounts of the district, for the agent's jury picker. */
export function listJurorAccounts(ctx: AppContext, actor: Actor): Promise<JurorAccount[]> {
  return jurorAccounts(ctx.db, actor.districtId);
}
