import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { shanghaiDate } from '../../lib/time.js';
import { versionedUpdate } from '../../lib/versioned.js';
import { MEMBER_STAGES, PIPELINE_RULES, type MemberStage } from '../../../shared/party.constants.js';
import type { AdvanceMemberBody, Member, RegisterMemberBody } from '../../../shared/party.schema.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess, scopeWhere } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { requireOrg } from './org-admin.service.js';
import { partyErrors as E } from './party.errors.js';
import { partyMembers } from './party.tables.js';
import * as repo from './repository/members.repository.js';
import type { MemberRow } from './repository/members.repository.js';

/**
 * The member registry and the development pipeline 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 →
 * 正式党员. The minimum intervals are those of 《中国共产党发展党员工作细则》(中共中央办公厅 2014) and the
 * Party Constitution, checked here on every step (PIPELINE_RULES in party.constants.ts):
 * - 细则第四条 / 党章第一条: 年满十八岁 may apply;
 * - 细则第十三条: only an activist 经过一年以上培养教育和考察 may be listed as 发展对象;
 * - 细则第十六条 / 党章第五条: 发展对象应当有两名正式党员作入党介绍人;
 * - 党章第七条: 预备党员的预备期为一年 — 转正 no earlier than a year after admission.
 * Members are personal data: the registry's masked ID and phone only, scoped by where the person lives.
 */
const STAGE_LABEL: Record<MemberStage, string> = {
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
};

export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  t.setUTCDate(Math.min(d, last));
  return t.toISOString().slice(0, 10);
}
const ageOn = (birth: string | null, day: string): number | null => {
  if (!birth) return null;
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

function nextEarliest(r: MemberRow): string | null {
  if (r.stage === 'activist' && r.activist_on) return addMonths(r.activist_on, PIPELINE_RULES.activistMonths);
  if (r.stage === 'probationary' && r.probationary_on)
    return addMonths(r.probationary_on, PIPELINE_RULES.probationMonths);
  return null;
}

export function toMember(r: MemberRow): Member {
  return {
    id: r.id,
    personId: r.person_id,
    name: r.name,
    gender: r.gender,
    age: ageOn(r.birth_date, shanghaiDate(new Date())),
    idMasked: r.id_masked,
    phoneMasked: r.phone_masked,
    partyOrgId: r.party_org_id,
    partyOrgName: r.party_org_name,
    relation: r.relation,
    stage: r.stage,
    status: r.status,
    appliedOn: r.applied_on,
    activistOn: r.activist_on,
    candidateOn: r.candidate_on,
    probationaryOn: r.probationary_on,
    fullOn: r.full_on,
    introducerIds: r.introducer_ids,
    nextEarliest: nextEarliest(r),
    version: r.version,
  };
}

export async function requireMember(q: Parameters<typeof repo.loadMember>[0], actor: Actor, id: string, lock = false) {
  const m = await repo.loadMember(q, actor.districtId, id, lock);
  if (!m) throw E.MEMBER_NOT_FOUND();
  requireAccess(actor, 'partyMember', { orgPath: m.org_path });
  return m;
}

export async function getMember(ctx: AppContext, actor: Actor, id: string): Promise<Member> {
  return toMember(await requireMember(ctx.db, actor, id));
}

export async function listMembers(
  ctx: AppContext,
  actor: Actor,
  query: { partyOrgId?: string; stage?: string; relation?: string; limit: number; offset: number },
) {
  if (query.partyOrgId) await requireOrg(ctx.db, actor, query.partyOrgId);
  const scope = scopeWhere(actor, 'partyMember', repo.MEMBER_COLUMNS);
  const { items, total } = await repo.listMembers(ctx.db, { districtId: actor.districtId, scope, ...query });
  return { items: items.map(toMember), total };
}

/** Registers a resident: a new applicant (入党申请), or an existing member (预备 / 正式) of a branch. */
export async function registerMember(
  ctx: AppContext,
  actor: Actor,
  input: RegisterMemberBody,
  ip?: string,
): Promise<Member> {
  const today = shanghaiDate(new Date());
  const id = await ctx.db.transaction(async (tx) => {
    const person = await repo.personById(tx, actor.districtId, input.personId);
    if (!person) throw E.PERSON_NOT_FOUND();
    requireAccess(actor, 'partyMember', { orgPath: person.orgPath }, 'write', { what: '该居民' });
    const org = await requireOrg(tx, actor, input.partyOrgId);
    if (org.status !== 'active') throw E.PARTY_ORG_DISSOLVED();
    if (await repo.memberOfPerson(tx, actor.districtId, person.id)) throw E.PERSON_ALREADY_MEMBER();
    if (input.stage === 'activist' || input.stage === 'candidate')
      throw E.STAGE_NOT_NEXT({ current: '（未登记）', next: STAGE_LABEL.applicant });
    const dates = memberDates(input.stage, input, today);
    if (input.stage === 'applicant') {
      const age = ageOn(person.birthDate, dates.appliedOn!);
      if (age !== null && age < PIPELINE_RULES.minAge) throw E.APPLICANT_TOO_YOUNG();
    }
    const newId = randomUUID();
    await repo.insertMember(tx, {
      districtId: actor.districtId,
      id: newId,
      personId: person.id,
      partyOrgId: org.id,
      orgPath: person.orgPath,
      relation: input.relation,
      stage: input.stage,
      ...dates,
      workUnitId: input.relation === 'reported' ? person.workUnitId : null,
    });
    const detail = { personId: person.id, partyOrgId: org.id, stage: input.stage, relation: input.relation };
    await writeAudit(
      tx,
      actor,
      { action: 'party_member.register', entityType: 'party_member', entityId: newId, detail },
      ip,
    );
    return newId;
  });
  return getMember(ctx, actor, id);
}

const PROBATION_RULE = {
  rule: '预备党员的预备期为一年，期满才能转为正式党员（党章第七条）',
  ruleEn: 'The probation lasts one year; admission as a full member comes after it (Party Constitution art. 7)',
};

/**
 * The dates a registration keeps for its stage: an applicant's application day (today by default); an
 * existing member's admission (预备) and, for a full member, the day of 转正 — required, in order, not in the
 * future, and a full member's probation at least the year of 党章第七条 when both days are known.
 */
export function memberDates(
  stage: MemberStage,
  input: { appliedOn?: string; probationaryOn?: string; fullOn?: string },
  today: string,
): { appliedOn: string | null; probationaryOn: string | null; fullOn: string | null } {
  const d =
    stage === 'applicant'
      ? { appliedOn: input.appliedOn ?? today, probationaryOn: null, fullOn: null }
      : {
          appliedOn: input.appliedOn ?? null,
          probationaryOn: input.probationaryOn ?? null,
          fullOn: stage === 'full' ? (input.fullOn ?? null) : null,
        };
  if ((stage === 'probationary' && !d.probationaryOn) || (stage === 'full' && !d.fullOn))
    throw E.MEMBER_DATES_REQUIRED();
  const known = [d.appliedOn, d.probationaryOn, d.fullOn].filter((x): x is string => !!x);
  if (known.some((x, i) => x > today || (i > 0 && x < known[i - 1]!))) throw E.MEMBER_DATES_INVALID();
  if (d.probationaryOn && d.fullOn) {
    const earliest = addMonths(d.probationaryOn, PIPELINE_RULES.probationMonths);
    if (d.fullOn < earliest) throw E.STAGE_TOO_EARLY({ ...PROBATION_RULE, earliest });
  }
  return d;
}

/** One step of the pipeline, checked against the rules; refused steps change nothing. */
export async function advanceMember(
  ctx: AppContext,
  actor: Actor,
  input: AdvanceMemberBody & { id: string },
  ip?: string,
): Promise<Member> {
  const today = shanghaiDate(new Date());
  await versionedUpdate(ctx.db, {
    table: partyMembers,
    id: input.id,
    actor,
    ip,
    expectedVersion: input.version,
    load: async (tx) => {
      const m = await requireMember(tx, actor, input.id, true);
      requireAccess(actor, 'partyMember', { orgPath: m.org_path }, 'write');
      return m;
    },
    conflict: () => E.MEMBER_CHANGED(),
    apply: async (tx, m) => {
      if (m.status !== 'active') throw E.MEMBER_NOT_ACTIVE();
      const next = MEMBER_STAGES[MEMBER_STAGES.indexOf(m.stage) + 1];
      if (next !== input.stage)
        throw E.STAGE_NOT_NEXT({ current: STAGE_LABEL[m.stage], next: next ? STAGE_LABEL[next] : '（已是正式党员）' });
      const previous =
        { activist: m.applied_on, candidate: m.activist_on, probationary: m.candidate_on, full: m.probationary_on }[
          input.stage
        ] ?? '1900-01-01';
      if (input.on < previous || input.on > today) throw E.STAGE_DATE_BEFORE({ previous });
      const tooEarly = (earliest: string, rule: string, ruleEn: string) => {
        if (input.on < earliest) throw E.STAGE_TOO_EARLY({ rule, ruleEn, earliest });
      };
      const set: Partial<typeof partyMembers.$inferInsert> = { stage: input.stage };
      if (input.stage === 'activist') {
        set.activistOn = input.on;
        set.contactIds = input.contactIds;
      } else if (input.stage === 'candidate') {
        // 细则第十三条: 经过一年以上培养教育和考察
        tooEarly(
          addMonths(m.activist_on!, PIPELINE_RULES.activistMonths),
          '入党积极分子须经过一年以上培养教育和考察才能列为发展对象（《发展党员工作细则》第十三条）',
          'An activist can be listed as a candidate only after more than a year of training (art. 13)',
        );
        set.candidateOn = input.on;
      } else if (input.stage === 'probationary') {
        // 细则第十六条: 两名正式党员作入党介绍人
        const ids = [...new Set(input.introducerIds)];
        if (ids.length !== PIPELINE_RULES.introducers) throw E.INTRODUCERS_REQUIRED();
        const intro = await repo.membersByIds(tx, actor.districtId, ids);
        if (
          intro.length !== ids.length ||
          intro.some((i) => i.stage !== 'full' || i.status !== 'active' || i.id === m.id)
        )
          throw E.INTRODUCERS_REQUIRED();
        set.probationaryOn = input.on;
        set.introducerIds = ids;
      } else {
        // 党章第七条: 预备期为一年
        tooEarly(
          addMonths(m.probationary_on!, PIPELINE_RULES.probationMonths),
          PROBATION_RULE.rule,
          PROBATION_RULE.ruleEn,
        );
        set.fullOn = input.on;
      }
      return {
        set,
        audit: {
          action: 'party_member.advance',
          entityType: 'party_member',
          entityId: m.id,
          detail: { from: m.stage, to: input.stage, on: input.on },
        },
      };
    },
  });
  return getMember(ctx, actor, input.id);
}

/** 组织关系转接: out to another branch of the district (or outside it), or back in from outside. */
export async function transferMember(
  ctx: AppContext,
  actor: Actor,
  input: {
    id: string;
    direction: 'in' | 'out';
    toOrgId?: string;
    externalOrg?: string;
    letterNo?: string;
    on: string;
    note?: string;
    version: number;
  },
  ip?: string,
): Promise<Member> {
  await versionedUpdate(ctx.db, {
    table: partyMembers,
    id: input.id,
    actor,
    ip,
    expectedVersion: input.version,
    load: async (tx) => {
      const m = await requireMember(tx, actor, input.id, true);
      requireAccess(actor, 'partyMember', { orgPath: m.org_path }, 'write');
      return m;
    },
    conflict: () => E.MEMBER_CHANGED(),
    apply: async (tx, m) => {
      const to = input.toOrgId ? await requireOrg(tx, actor, input.toOrgId) : null;
      if (to && to.status !== 'active') throw E.PARTY_ORG_DISSOLVED();
      if (!to && !(input.direction === 'out' && input.externalOrg)) throw E.TRANSFER_TARGET_REQUIRED();
      if (input.direction === 'out' && m.status !== 'active') throw E.MEMBER_NOT_ACTIVE();
      await repo.insertTransfer(tx, {
        districtId: actor.districtId,
        id: randomUUID(),
        memberId: m.id,
        direction: input.direction,
        fromOrgId: input.direction === 'out' || m.status === 'active' ? m.party_org_id : null,
        toOrgId: to?.id ?? null,
        externalOrg: input.externalOrg ?? null,
        letterNo: input.letterNo ?? null,
        happenedOn: input.on,
        note: input.note ?? null,
      });
      const set = to ? { partyOrgId: to.id, status: 'active' as const } : { status: 'transferred_out' as const };
      return {
        set,
        audit: {
          action: `party_member.transfer_${input.direction}`,
          entityType: 'party_member',
          entityId: m.id,
          detail: { from: m.party_org_id, to: to?.id ?? input.externalOrg },
        },
      };
    },
  });
  return getMember(ctx, actor, input.id);
}
