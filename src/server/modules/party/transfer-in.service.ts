import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { shanghaiDate } from '../../lib/time.js';
import type { Member, TransferInBody } from '../../../shared/party.schema.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { getMember, memberDates } from './members.service.js';
import { requireOrg } from './org-admin.service.js';
import { partyErrors as E } from './party.errors.js';
import * as repo from './repository/members.repository.js';

/**
 * 组织关系转入, seen from the receiving branch: a member arriving from outside the district with the letter
 * of introduction (介绍信, its number kept on the transfer record) is registered — or, if they once left the
 * district, their old record comes back active — and a member of another branch of the district moves here.
 * One transaction: the member row, the transfer record and the audit.
 */
export async function transferIn(ctx: AppContext, actor: Actor, input: TransferInBody, ip?: string): Promise<Member> {
  const today = shanghaiDate(new Date());
  const id = await ctx.db.transaction(async (tx) => {
    const person = await repo.personById(tx, actor.districtId, input.personId);
    if (!person) throw E.PERSON_NOT_FOUND();
    requireAccess(actor, 'partyMember', { orgPath: person.orgPath }, 'write', { what: '该居民' });
    const org = await requireOrg(tx, actor, input.partyOrgId);
    if (org.status !== 'active') throw E.PARTY_ORG_DISSOLVED();
    if (input.on > today) throw E.MEMBER_DATES_INVALID();
    const existing = await repo.lockMemberOfPerson(tx, actor.districtId, person.id);
    const active = existing?.status === 'active' ? existing : undefined;
    const transfer = {
      districtId: actor.districtId,
      id: randomUUID(),
      direction: 'in' as const,
      toOrgId: org.id,
      letterNo: input.letterNo ?? null,
      happenedOn: input.on,
      note: input.note ?? null,
    };
    let memberId: string;
    if (input.source === 'district') {
      if (!active) throw E.TRANSFER_NOT_IN_DISTRICT();
      if (active.partyOrgId === org.id) throw E.TRANSFER_SAME_BRANCH({ branch: active.partyOrgName });
      memberId = active.id;
      await repo.updateMember(tx, actor.districtId, memberId, { partyOrgId: org.id });
      await repo.insertTransfer(tx, { ...transfer, memberId, fromOrgId: active.partyOrgId, externalOrg: null });
    } else {
      if (!input.externalOrg || !input.letterNo) throw E.TRANSFER_LETTER_REQUIRED();
      if (active) throw E.MEMBER_IN_OTHER_BRANCH({ branch: active.partyOrgName });
      const dates = memberDates(input.stage, input, today);
      if (input.on < (dates.fullOn ?? dates.probationaryOn!)) throw E.MEMBER_DATES_INVALID();
      const row = {
        partyOrgId: org.id,
        orgPath: person.orgPath,
        relation: 'organisational' as const,
        stage: input.stage,
        status: 'active' as const,
        ...dates,
        workUnitId: null,
      };
      memberId = existing?.id ?? randomUUID();
      if (existing) await repo.updateMember(tx, actor.districtId, memberId, row);
      else await repo.insertMember(tx, { districtId: actor.districtId, id: memberId, personId: person.id, ...row });
      await repo.insertTransfer(tx, { ...transfer, memberId, fromOrgId: null, externalOrg: input.externalOrg });
    }
    const detail = {
      source: input.source,
      personId: person.id,
      from: input.source === 'district' ? active!.partyOrgId : input.externalOrg,
      to: org.id,
      letterNo: input.letterNo ?? null,
    };
    await writeAudit(
      tx,
      actor,
      { action: 'party_member.transfer_in', entityType: 'party_member', entityId: memberId, detail },
      ip,
    );
    return memberId;
  });
  return getMember(ctx, actor, id);
}
