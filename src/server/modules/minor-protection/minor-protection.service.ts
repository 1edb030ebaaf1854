import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { queryRows, type Queryable, type Tx } from '../../db/client.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../lib/errors.js';
import { addWorkingDays, shanghaiDate } from '../../lib/working-days.js';
import { can, type Actor } from '../access/access.policy.js';
import { canAccess, requireAccess, scopeWhere } from '../access/access.records.js';
import { OPENS_OWN_CASES_ONLY } from '../access/minor-protection.access.js';
import { inSubtree } from '../access/access.scope.js';
import { writeAudit } from '../audit/audit.service.js';
import { workUnits } from '../org/org.tables.js';
import {
  householdHash,
  PROTECTED_COLUMNS_SQL,
  protectPeople,
  revealPerson,
  type ProtectableRow,
} from '../people/people.protection.js';
import { outbox } from '../work-orders/work-orders.tables.js';
import { ageBand, IDENTITY_FIELDS, MASKED_CHILD_NAME, MASKED_FIELDS } from './minor-protection.policy.js';
import type { CaseCanDto } from './minor-protection.schema.js';
import type {
  CaseDetail,
  CaseSummary,
  CategoryBody,
  ConsentInput,
  CreateCaseInput,
  ListCasesInput,
  ReferralDto,
  ReferralInput,
  ServiceInput,
  UpdateCaseInput,
} from './minor-protection.schema.js';
import {
  minorCaseEvents,
  minorCases,
  minorCategories,
  minorConsents,
  minorReferrals,
  minorServices,
  type RiskLevel,
} from './minor-protection.tables.js';

/**
 * Case management for children in difficulty. Every write is one transaction with its timeline event and
 * audit row; every read of a file writes an audit row naming the fields shown. Identity and free text are
 * encrypted with ctx.crypto (AES-256-GCM) and decrypted only for callers the access layer gives identity access (kind `minorCase`, action `identity`).
 */
type Case = typeof minorCases.$inferSelect;
type Referral = typeof minorReferrals.$inferSelect;

const CASE_COLUMNS = { orgPath: sql`mc.org_path`, workerUserId: sql`mc.worker_user_id` };
/** The files (alias `mc`) an actor reaches, from the one rule in access/minor-protection.access.ts. */
export function caseScopeSql(actor: Actor): SQL {
  return sql`mc.district_id = ${actor.districtId} and ${scopeWhere(actor, 'minorCase', CASE_COLUMNS)}`;
}
const canSeeIdentity = (actor: Actor, c: Pick<Case, 'orgPath' | 'workerUserId' | 'status'>) =>
  canAccess(actor, 'minorCase', c, 'identity');

interface Guardian {
  name: string;
  relation: string;
  phone?: string | undefined;
}
interface Plan {
  goals: { text: string; done: boolean }[];
}
interface Assessment {
  notes: string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const today = (now = new Date()) => shanghaiDate(now);

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function requireState(ok: boolean, message: string): void {
  if (!ok) throw new AppError('conflict', 'CASE_STATE_INVALID', message);
}

// ───────────────────────── categories and visit schedule ─────────────────────────

export async function listCategories(q: Queryable, districtId: string) {
  return q
    .select()
    .from(minorCategories)
    .where(eq(minorCategories.districtId, districtId))
    .orderBy(asc(minorCategories.sort), asc(minorCategories.id));
}

export async function upsertCategory(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof CategoryBody>,
  ip?: string,
) {
  if (!/^[a-z][a-z0-9_]{1,29}$/.test(id))
    throw badRequest('CATEGORY_ID_INVALID', '类型编码为 2–30 位小写字母、数字或 _，以字母开头。');
  return ctx.db.transaction(async (tx) => {
    const values = { districtId: actor.districtId, id, ...input };
    const [row] = await tx
      .insert(minorCategories)
      .values(values)
      .onConflictDoUpdate({ target: [minorCategories.districtId, minorCategories.id], set: input })
      .returning();
    await writeAudit(
      tx,
      actor,
      { action: 'minor_category.upsert', entityType: 'minor_category', entityId: id, detail: { ...input } },
      ip,
    );
    return row!;
  });
}

/** Interval until the next home visit: the most demanding of the child's categories at the case's risk level. */
export function visitIntervalDays(
  categories: readonly string[],
  risk: RiskLevel,
  rules: readonly (typeof minorCategories.$inferSelect)[],
): number {
  const days = rules
    .filter((r) => categories.includes(r.id))
    .map((r) => (risk === 'high' ? r.visitDaysHigh : risk === 'medium' ? r.visitDaysMedium : r.visitDaysLow));
  return days.length ? Math.min(...days) : risk === 'high' ? 14 : risk === 'medium' ? 30 : 60;
}

async function assertCategories(q: Queryable, districtId: string, ids: readonly string[]) {
  const rules = await listCategories(q, districtId);
  const unknown = ids.filter((id) => !rules.some((r) => r.id === id && r.isActive));
  if (unknown.length)
    throw badRequest('CATEGORY_UNKNOWN', `困境类型不存在或已停用：${unknown.join('、')}。请从列表中选择。`);
  return rules;
}

// ───────────────────────── reading files ─────────────────────────

interface CaseRow {
  id: string;
  case_no: string;
  org_path: string;
  worker_user_id: string | null;
  status: CaseSummary['status'];
  name_cipher: string;
  name_masked: string;
  gender: 'M' | 'F';
  birth_year: number;
  street_name: string;
  community_name: string;
  community_path: string;
  categories: string[];
  risk_level: RiskLevel;
  worker_name: string | null;
  opened_on: string;
  last_visit_on: string | null;
  next_visit_due: string | null;
  escalated_for_due: string | null;
  version: number;
}

const CASE_SELECT = sql`
  select mc.id, mc.case_no, mc.org_path, mc.worker_user_id, mc.status, mc.name_cipher, mc.name_masked, mc.gender, mc.birth_year,
    st.name as street_name, cm.name as community_name, cm.path as community_path, mc.categories, mc.risk_level, u.display_name as worker_name,
    to_char(mc.opened_on, 'YYYY-MM-DD') as opened_on, to_char(mc.last_visit_on, 'YYYY-MM-DD') as last_visit_on,
    to_char(mc.next_visit_due, 'YYYY-MM-DD') as next_visit_due, to_char(mc.escalated_for_due, 'YYYY-MM-DD') as escalated_for_due, mc.version
  from minor_cases mc
  join org_units st on st.district_id = mc.district_id and st.id = mc.street_id
  join org_units cm on cm.district_id = mc.district_id and cm.id = mc.community_id
  left join users u on u.district_id = mc.district_id and u.id = mc.worker_user_id`;

function toSummary(ctx: AppContext, actor: Actor, r: CaseRow, now = new Date()): CaseSummary {
  const identityVisible = canSeeIdentity(actor, {
    orgPath: r.org_path,
    workerUserId: r.worker_user_id,
    status: r.status,
  });
  const due = r.next_visit_due;
  const age = now.getUTCFullYear() - r.birth_year;
  return {
    id: r.id,
    caseNo: r.case_no,
    identityVisible,
    name: identityVisible ? ctx.crypto.decrypt(r.name_cipher) : null,
    nameMasked: MASKED_CHILD_NAME,
    gender: r.gender,
    age: identityVisible ? age : null,
    ageBand: ageBand(age),
    streetName: r.street_name,
    communityName: identityVisible || inSubtree(actor, r.community_path) ? r.community_name : null,
    categories: r.categories,
    riskLevel: r.risk_level,
    status: r.status,
    workerName: r.worker_name,
    openedOn: r.opened_on,
    lastVisitOn: r.last_visit_on,
    nextVisitDue: due,
    isVisitOverdue: r.status !== 'closed' && due !== null && due < today(now),
    isEscalated: r.status !== 'closed' && due !== null && r.escalated_for_due === due,
    version: r.version,
  };
}

function boxSql(actor: Actor, box: ListCasesInput['box']): SQL {
  const t = today();
  switch (box) {
    case 'mine':
      return sql`${scopeWhere(actor, 'minorCase', CASE_COLUMNS, 'caseload')} and mc.status <> 'closed'`;
    case 'due':
      return sql`mc.status <> 'closed' and mc.next_visit_due <= ${addDays(t, 14)}::date`;
    case 'overdue':
      return sql`mc.status <> 'closed' and mc.next_visit_due < ${t}::date`;
    case 'closed':
      return sql`mc.status = 'closed'`;
    default:
      return sql`true`;
  }
}

/** Files the actor reaches, each masked or not by the one rule; the read is audited with the identities shown. */
export async function listCases(
  ctx: AppContext,
  actor: Actor,
  input: ListCasesInput,
  ip?: string,
): Promise<{ items: CaseSummary[]; total: number }> {
  const where: SQL[] = [caseScopeSql(actor), boxSql(actor, input.box)];
  if (input.status) where.push(sql`mc.status = ${input.status}`);
  if (input.category) where.push(sql`${input.category} = any(mc.categories)`);
  if (input.riskLevel) where.push(sql`mc.risk_level = ${input.riskLevel}`);
  if (input.streetId) where.push(sql`mc.street_id = ${input.streetId}`);
  const cond = sql.join(where, sql` and `);
  const rows = await queryRows<CaseRow>(
    ctx.db,
    sql`${CASE_SELECT} where ${cond}
    order by (mc.status = 'closed'), mc.next_visit_due nulls last, mc.case_no limit ${input.limit} offset ${input.offset}`,
  );
  const [count] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from minor_cases mc where ${cond}`,
  );
  const items = rows.map((r) => toSummary(ctx, actor, r));
  const shown = items.filter((i) => i.identityVisible).map((i) => i.id);
  await writeAudit(
    ctx.db,
    actor,
    {
      action: 'minor_case.list',
      entityType: 'minor_case',
      entityId: null,
      detail: {
        count: items.length,
        identityShownFor: shown,
        fields: shown.length ? ['name', ...MASKED_FIELDS] : [...MASKED_FIELDS],
      },
    },
    ip,
  );
  return { items, total: count?.n ?? 0 };
}

async function loadCase(q: Queryable, districtId: string, id: string, lock = false): Promise<Case> {
  const where = and(eq(minorCases.districtId, districtId), eq(minorCases.id, id));
  const rows = lock
    ? await q.select().from(minorCases).where(where).for('update')
    : await q.select().from(minorCases).where(where);
  if (!rows[0]) throw notFound('CASE_NOT_FOUND', '找不到该儿童档案，请核对档案编号。');
  return rows[0];
}

function decryptJson<T>(ctx: AppContext, cipher: string | null, fallback: T): T {
  return cipher ? (JSON.parse(ctx.crypto.decrypt(cipher)) as T) : fallback;
}

function referralView(
  ctx: AppContext,
  actor: Actor,
  r: Referral,
  c: Pick<Case, 'caseNo' | 'nameMasked' | 'orgPath' | 'workerUserId' | 'status'>,
  showContent: boolean,
  now = Date.now(),
): z.infer<typeof ReferralDto> {
  const respond = canRespond(actor, r, c);
  const content = showContent || respond;
  return {
    id: r.id,
    caseId: r.caseId,
    caseNo: c.caseNo,
    childMasked: MASKED_CHILD_NAME,
    receiverKind: r.receiverKind,
    receiverName: r.receiverName,
    status: r.status,
    basis: r.consentId ? 'consent' : 'override',
    request: content ? ctx.crypto.decrypt(r.requestCipher) : null,
    report: content && r.reportCipher ? ctx.crypto.decrypt(r.reportCipher) : null,
    ackDueAt: iso(r.ackDueAt)!,
    isAckOverdue: r.status === 'pending' && r.ackDueAt.getTime() < now,
    acknowledgedAt: iso(r.acknowledgedAt),
    reportedAt: iso(r.reportedAt),
    createdAt: iso(r.createdAt)!,
    canRespond: respond && r.status !== 'reported',
  };
}

/** The receiver of a referral: the department it went to, the organisation's account, or for a volunteer the case's own worker. */
function canRespond(actor: Actor, r: Referral, c: Pick<Case, 'orgPath' | 'workerUserId' | 'status'>): boolean {
  return canAccess(actor, 'referral', referralRecord(r, c), 'respond');
}
const referralRecord = (r: Referral, c: Pick<Case, 'orgPath' | 'workerUserId' | 'status'>) => ({
  receiverKind: r.receiverKind,
  workUnitId: r.workUnitId,
  receiverUserId: r.receiverUserId,
  case: c,
});

export async function getCase(
  ctx: AppContext,
  actor: Actor,
  id: string,
  ip?: string,
): Promise<{ case: CaseDetail; can: z.infer<typeof CaseCanDto> }> {
  const c = await loadCase(ctx.db, actor.districtId, id);
  requireAccess(actor, 'minorCase', c);
  const detail = await detailOf(ctx, actor, c);
  // PIPL: every read of a child's file is logged with who, when and which fields were shown.
  await writeAudit(
    ctx.db,
    actor,
    {
      action: 'minor_case.read',
      entityType: 'minor_case',
      entityId: id,
      detail: {
        identity: detail.case.identityVisible,
        fields: detail.case.identityVisible ? [...IDENTITY_FIELDS, ...MASKED_FIELDS] : [...MASKED_FIELDS],
      },
    },
    ip,
  );
  return detail;
}

async function detailOf(ctx: AppContext, actor: Actor, c: Case) {
  const d = actor.districtId;
  const [row] = await queryRows<CaseRow>(ctx.db, sql`${CASE_SELECT} where mc.district_id = ${d} and mc.id = ${c.id}`);
  const summary = toSummary(ctx, actor, row!);
  const full = summary.identityVisible;
  const services = await ctx.db
    .select()
    .from(minorServices)
    .where(and(eq(minorServices.districtId, d), eq(minorServices.caseId, c.id)))
    .orderBy(asc(minorServices.servedOn), asc(minorServices.createdAt));
  const consents = full
    ? await ctx.db
        .select()
        .from(minorConsents)
        .where(and(eq(minorConsents.districtId, d), eq(minorConsents.caseId, c.id)))
        .orderBy(asc(minorConsents.createdAt))
    : [];
  const referrals = await ctx.db
    .select()
    .from(minorReferrals)
    .where(and(eq(minorReferrals.districtId, d), eq(minorReferrals.caseId, c.id)))
    .orderBy(asc(minorReferrals.createdAt));
  const events = await ctx.db
    .select()
    .from(minorCaseEvents)
    .where(and(eq(minorCaseEvents.districtId, d), eq(minorCaseEvents.caseId, c.id)))
    .orderBy(asc(minorCaseEvents.id));
  const counts: Record<string, number> = {};
  for (const s of services) counts[s.kind] = (counts[s.kind] ?? 0) + 1;
  const work = canAccess(actor, 'minorCase', c, 'work');
  const approve = canAccess(actor, 'minorCase', c, 'approve');
  return {
    case: {
      ...summary,
      needs: c.needs,
      identity: full
        ? {
            name: summary.name!,
            idMasked: c.idMasked,
            address: c.addressCipher ? ctx.crypto.decrypt(c.addressCipher) : null,
            guardians: decryptJson<Guardian[]>(ctx, c.guardiansCipher, []),
            health: c.healthCipher ? ctx.crypto.decrypt(c.healthCipher) : null,
            assessmentNotes: decryptJson<Assessment>(ctx, c.assessmentCipher, { notes: null }).notes,
            planGoals: decryptJson<Plan>(ctx, c.planCipher, { goals: [] }).goals,
          }
        : null,
      services: services.map((s) => ({
        id: s.id,
        kind: s.kind,
        servedOn: s.servedOn,
        workerName: s.workerName,
        outcome: full ? ctx.crypto.decrypt(s.outcomeCipher) : null,
        visit: full && s.visitCipher ? decryptJson(ctx, s.visitCipher, null) : null,
        safetyConcern: s.safetyConcern,
      })),
      consents: consents.map((x) => ({
        id: x.id,
        guardian: ctx.crypto.decrypt(x.guardianCipher),
        givenOn: x.givenOn,
        scope: ctx.crypto.decrypt(x.scopeCipher),
        withdrawn: x.withdrawnAt !== null,
      })),
      referrals: referrals.map((r) => referralView(ctx, actor, r, c, full)),
      events: events.map((e) => ({
        id: e.id!,
        at: iso(e.at)!,
        actorName: e.actorName,
        type: e.type,
        note: full && e.noteCipher ? ctx.crypto.decrypt(e.noteCipher) : null,
        data: e.data ?? null,
      })),
      serviceCounts: counts,
    },
    can: {
      work: work && c.status !== 'closed',
      approve,
      requestClosure: work && c.status === 'open',
      decideClosure: approve && c.status === 'closure_requested',
      reopen: approve && c.status === 'closed',
      assign: approve && c.status !== 'closed',
    },
  };
}

// ───────────────────────── writes ─────────────────────────

async function recordEvent(
  tx: Tx,
  actor: Actor | null,
  districtId: string,
  caseId: string,
  type: string,
  note: string | null,
  data: Record<string, unknown> | null,
  crypt: (s: string) => string,
) {
  await tx.insert(minorCaseEvents).values({
    districtId,
    caseId,
    actorUserId: actor?.userId ?? null,
    actorName: actor?.displayName ?? '系统',
    type,
    noteCipher: note ? crypt(note) : null,
    data,
  });
}

/** Lock the file, authorise, check the version, apply, write event + audit (+ outbox) — one transaction. */
async function mutate(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number | null,
  action: string,
  authorise: (c: Case) => void,
  apply: (
    tx: Tx,
    c: Case,
  ) => Promise<{
    set: Partial<Case>;
    event: { type: string; note?: string | null; data?: Record<string, unknown> };
    audit?: Record<string, unknown>;
    outbox?: { topic: string; payload: Record<string, unknown> }[];
  }>,
  ip?: string,
) {
  await ctx.db.transaction(async (tx) => {
    const c = await loadCase(tx, actor.districtId, id, true);
    authorise(c);
    if (version !== null && c.version !== version)
      throw conflict('VERSION_CONFLICT', '该档案已被他人修改，请刷新后再保存。');
    const r = await apply(tx, c);
    await tx
      .update(minorCases)
      .set({ ...r.set, version: sql`${minorCases.version} + 1`, updatedAt: new Date() })
      .where(and(eq(minorCases.districtId, actor.districtId), eq(minorCases.id, id)));
    await recordEvent(tx, actor, actor.districtId, id, r.event.type, r.event.note ?? null, r.event.data ?? null, (s) =>
      ctx.crypto.encrypt(s),
    );
    for (const o of r.outbox ?? [])
      await tx.insert(outbox).values({
        districtId: actor.districtId,
        topic: o.topic,
        payload: { caseId: id, caseNo: c.caseNo, streetId: c.streetId, ...o.payload },
      });
    await writeAudit(
      tx,
      actor,
      {
        action: `minor_case.${action}`,
        entityType: 'minor_case',
        entityId: id,
        detail: r.audit ?? { event: r.event.type },
      },
      ip,
    );
  });
  return detailOf(ctx, actor, await loadCase(ctx.db, actor.districtId, id));
}

interface CaseSubject {
  id: string;
  org_path: string;
  name: string;
  gender: 'M' | 'F';
  birth_date: string;
  id_cipher: string;
  id_masked: string;
  household_id: string | null;
  address: string | null;
}

/** The child a file is opened for, with name, birth date and address decrypted when the row is already protected. */
async function loadCaseSubject(ctx: AppContext, d: string, personId: string): Promise<CaseSubject | undefined> {
  const [row] = await queryRows<
    ProtectableRow & { id: string; org_path: string; gender: 'M' | 'F'; id_cipher: string; id_masked: string }
  >(
    ctx.db,
    sql`
    select p.id, p.org_path, p.name, p.gender, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.id_cipher, p.id_masked, p.household_id, ${PROTECTED_COLUMNS_SQL}
    from people p where p.district_id = ${d} and p.id = ${personId}`,
  );
  if (!row) return undefined;
  const plain = revealPerson(ctx.crypto, row);
  const [addr] = plain.householdId
    ? await queryRows<{ address: string | null }>(
        ctx.db,
        sql`
    select c.address || b.name || h.unit || h.room as address from households h
    left join buildings b on b.district_id = h.district_id and b.id = h.building_id
    left join org_units c on c.district_id = h.district_id and c.id = h.compound_id
    where h.district_id = ${d} and h.id = ${plain.householdId}`,
      )
    : [];
  return {
    id: row.id,
    org_path: row.org_path,
    gender: row.gender,
    id_cipher: row.id_cipher,
    id_masked: row.id_masked,
    name: plain.name,
    birth_date: plain.birthDate,
    household_id: plain.householdId,
    address: addr?.address ?? null,
  };
}

/** Encrypts at rest the child's registry row and those of the household's adults named as guardians. */
async function protectCaseIdentities(
  tx: Tx,
  crypto: AppContext['crypto'],
  d: string,
  child: CaseSubject,
  guardianNames: readonly string[],
): Promise<void> {
  await protectPeople(tx, crypto, d, [child.id], 'child');
  if (!child.household_id || guardianNames.length === 0) return;
  const members = await queryRows<ProtectableRow & { id: string }>(
    tx,
    sql`
    select p.id, p.name, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.household_id, ${PROTECTED_COLUMNS_SQL} from people p
    where p.district_id = ${d} and p.id <> ${child.id}
      and (p.household_id = ${child.household_id} or p.household_hash = ${householdHash(crypto, child.household_id)})`,
  );
  const guardians = members.filter((m) => guardianNames.includes(revealPerson(crypto, m).name)).map((m) => m.id);
  await protectPeople(tx, crypto, d, guardians, 'guardian');
}

async function assertWorker(q: Queryable, districtId: string, userId: string, casePath: string): Promise<void> {
  const [u] = await queryRows<{ role: string; path: string; is_active: boolean }>(
    q,
    sql`
    select u.role, o.path, u.is_active from users u join org_units o on o.district_id = u.district_id and o.id = u.org_unit_id
    where u.district_id = ${districtId} and u.id = ${userId}`,
  );
  if (!u || u.role !== 'social_worker' || !u.is_active)
    throw badRequest('WORKER_INVALID', '请选择一名在岗的社工账号。');
  if (!casePath.startsWith(u.path))
    throw badRequest('WORKER_OUT_OF_AREA', '该社工不负责这名儿童所在的街道或社区，请选择本辖区的社工。');
}

export async function createCase(ctx: AppContext, actor: Actor, input: CreateCaseInput, ip?: string) {
  const d = actor.districtId;
  const p = await loadCaseSubject(ctx, d, input.personId);
  if (!p) throw notFound('PERSON_NOT_FOUND', '找不到该居民，请先在人口信息中登记这名儿童。');
  // the file as it will be: a social worker opens it for themself (and reads only files assigned to them)
  requireAccess(actor, 'minorCase', {
    orgPath: p.org_path,
    workerUserId: OPENS_OWN_CASES_ONLY[actor.role] ? actor.userId : null,
    status: 'open',
  });
  const birthYear = Number(p.birth_date.slice(0, 4));
  const openedOn = input.openedOn ?? today();
  if (openedOn > today()) throw badRequest('DATE_IN_FUTURE', '建档日期不能晚于今天。');
  const [py, pm, pd] = p.birth_date.split('-').map(Number) as [number, number, number];
  const eighteen = `${py + 18}-${String(pm).padStart(2, '0')}-${String(pd).padStart(2, '0')}`;
  if (eighteen <= openedOn) throw badRequest('NOT_A_MINOR', '该居民已年满 18 周岁，不能建立困境儿童档案。');
  const segments = p.org_path.split('/');
  if (segments.length < 4) throw badRequest('ADDRESS_INCOMPLETE', '该居民未登记到社区，请先补全住址。');
  const [streetId, communityId] = [segments[1]!, segments[2]!];
  let workerUserId: string | null = null;
  if (OPENS_OWN_CASES_ONLY[actor.role]) {
    if (input.workerUserId && input.workerUserId !== actor.userId)
      throw forbidden('ASSIGN_FORBIDDEN', '社工建档时只能由自己负责；改派请联系未保站站长。');
    workerUserId = actor.userId;
  } else if (input.workerUserId) {
    await assertWorker(ctx.db, d, input.workerUserId, p.org_path);
    workerUserId = input.workerUserId;
  }
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    const rules = await assertCategories(tx, d, input.categories);
    const [dupe] = await tx
      .select({ caseNo: minorCases.caseNo })
      .from(minorCases)
      .where(and(eq(minorCases.districtId, d), eq(minorCases.personId, p.id)));
    if (dupe) throw conflict('CASE_EXISTS', `这名儿童已有档案（${dupe.caseNo}），请打开原档案继续办理，不要重复建档。`);
    const [n] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int + 1 as n from minor_cases where district_id = ${d}`,
    );
    const caseNo = `WB${openedOn.slice(0, 4)}${String(n!.n).padStart(4, '0')}`;
    const interval = visitIntervalDays(input.categories, input.riskLevel, rules);
    await tx.insert(minorCases).values({
      districtId: d,
      id,
      caseNo,
      personId: p.id,
      orgPath: p.org_path,
      streetId,
      communityId,
      categories: input.categories,
      riskLevel: input.riskLevel,
      workerUserId,
      gender: p.gender,
      birthYear,
      nameCipher: ctx.crypto.encrypt(p.name),
      nameMasked: MASKED_CHILD_NAME,
      idCipher: p.id_cipher,
      idMasked: p.id_masked,
      addressCipher: p.address ? ctx.crypto.encrypt(p.address) : null,
      guardiansCipher: ctx.crypto.encrypt(JSON.stringify(input.guardians)),
      healthCipher: input.health ? ctx.crypto.encrypt(input.health) : null,
      needs: input.needs,
      assessmentCipher: ctx.crypto.encrypt(JSON.stringify({ notes: input.assessmentNotes ?? null })),
      planCipher: ctx.crypto.encrypt(JSON.stringify({ goals: [] })),
      openedOn,
      nextVisitDue: addDays(openedOn, interval),
      createdBy: actor.userId,
    });
    await protectCaseIdentities(
      tx,
      ctx.crypto,
      d,
      p,
      input.guardians.map((g) => g.name),
    );
    await recordEvent(
      tx,
      actor,
      d,
      id,
      'opened',
      null,
      { categories: input.categories, riskLevel: input.riskLevel, workerUserId },
      (s) => ctx.crypto.encrypt(s),
    );
    await writeAudit(
      tx,
      actor,
      {
        action: 'minor_case.create',
        entityType: 'minor_case',
        entityId: id,
        detail: { caseNo, categories: input.categories, riskLevel: input.riskLevel, personId: p.id },
      },
      ip,
    );
  });
  return detailOf(ctx, actor, await loadCase(ctx.db, d, id));
}

export function updateCase(ctx: AppContext, actor: Actor, id: string, input: UpdateCaseInput, ip?: string) {
  const { version, ...changes } = input;
  return mutate(
    ctx,
    actor,
    id,
    version,
    'update',
    (c) => {
      requireAccess(actor, 'minorCase', c, 'work');
      requireState(c.status !== 'closed', '档案已结案，如需继续服务请先由站长重新开案。');
    },
    async (tx, c) => {
      const set: Partial<Case> = {};
      const enc = (s: string) => ctx.crypto.encrypt(s);
      if (changes.categories || changes.riskLevel) {
        const categories = changes.categories ?? c.categories;
        const risk = changes.riskLevel ?? c.riskLevel;
        const rules = await assertCategories(tx, actor.districtId, changes.categories ?? []);
        set.categories = categories;
        set.riskLevel = risk;
        set.nextVisitDue = addDays(c.lastVisitOn ?? c.openedOn, visitIntervalDays(categories, risk, rules));
      }
      if (changes.guardians) set.guardiansCipher = enc(JSON.stringify(changes.guardians));
      if (changes.address !== undefined) set.addressCipher = changes.address ? enc(changes.address) : null;
      if (changes.health !== undefined) set.healthCipher = changes.health ? enc(changes.health) : null;
      if (changes.needs) set.needs = changes.needs;
      if (changes.assessmentNotes !== undefined)
        set.assessmentCipher = enc(JSON.stringify({ notes: changes.assessmentNotes || null }));
      if (changes.planGoals) set.planCipher = enc(JSON.stringify({ goals: changes.planGoals }));
      const fields = Object.keys(changes);
      // The audit row names the fields, never the values (they are the child's sensitive data).
      return {
        set,
        event: { type: 'updated', data: { fields, riskLevel: set.riskLevel ?? c.riskLevel } },
        audit: { fields },
      };
    },
    ip,
  );
}

export function assignWorker(ctx: AppContext, actor: Actor, id: string, workerUserId: string, ip?: string) {
  return mutate(
    ctx,
    actor,
    id,
    null,
    'assign',
    (c) => requireAccess(actor, 'minorCase', c, 'approve'),
    async (tx, c) => {
      requireState(c.status !== 'closed', '已结案的档案不能改派社工。');
      await assertWorker(tx, actor.districtId, workerUserId, c.orgPath);
      return {
        set: { workerUserId },
        event: { type: 'assigned', data: { from: c.workerUserId, to: workerUserId } },
        outbox: [{ topic: 'minor.assigned', payload: { workerUserId } }],
      };
    },
    ip,
  );
}

export function recordService(ctx: AppContext, actor: Actor, id: string, input: ServiceInput, ip?: string) {
  if (input.servedOn > today()) throw badRequest('DATE_IN_FUTURE', '服务日期不能晚于今天。');
  if (input.kind === 'home_visit' && !input.visit)
    throw badRequest('VISIT_DETAILS_REQUIRED', '入户探访请填写探访情况（是否见到儿童、居住条件、有无安全隐患）。');
  return mutate(
    ctx,
    actor,
    id,
    null,
    'service',
    (c) => {
      requireAccess(actor, 'minorCase', c, 'work');
      requireState(c.status !== 'closed', '档案已结案，如需继续服务请先由站长重新开案。');
    },
    async (tx, c) => {
      const serviceId = randomUUID();
      const isVisit = input.kind === 'home_visit';
      const safety = isVisit && !!input.visit?.safetyConcern;
      await tx.insert(minorServices).values({
        districtId: actor.districtId,
        id: serviceId,
        caseId: id,
        kind: input.kind,
        servedOn: input.servedOn,
        workerUserId: actor.userId,
        workerName: actor.displayName,
        outcomeCipher: ctx.crypto.encrypt(input.outcome),
        visitCipher: isVisit ? ctx.crypto.encrypt(JSON.stringify(input.visit)) : null,
        safetyConcern: safety,
      });
      const set: Partial<Case> = {};
      if (isVisit && (!c.lastVisitOn || input.servedOn >= c.lastVisitOn)) {
        const rules = await listCategories(tx, actor.districtId);
        set.lastVisitOn = input.servedOn;
        set.nextVisitDue = addDays(input.servedOn, visitIntervalDays(c.categories, c.riskLevel, rules));
      }
      return {
        set,
        event: {
          type: isVisit ? 'visited' : 'service',
          data: {
            serviceId,
            kind: input.kind,
            servedOn: input.servedOn,
            safetyConcern: safety,
            nextVisitDue: set.nextVisitDue ?? c.nextVisitDue,
          },
        },
        audit: { serviceId, kind: input.kind, servedOn: input.servedOn },
        outbox: safety ? [{ topic: 'minor.safety_concern', payload: { to: 'minor_station_head', serviceId } }] : [],
      };
    },
    ip,
  );
}

export function recordConsent(ctx: AppContext, actor: Actor, id: string, input: ConsentInput, ip?: string) {
  if (input.givenOn > today()) throw badRequest('DATE_IN_FUTURE', '同意日期不能晚于今天。');
  return mutate(
    ctx,
    actor,
    id,
    null,
    'consent',
    (c) => requireAccess(actor, 'minorCase', c, 'work'),
    async (tx) => {
      const consentId = randomUUID();
      await tx.insert(minorConsents).values({
        districtId: actor.districtId,
        id: consentId,
        caseId: id,
        guardianCipher: ctx.crypto.encrypt(input.guardian),
        givenOn: input.givenOn,
        scopeCipher: ctx.crypto.encrypt(input.scope),
        recordedBy: actor.userId,
      });
      return {
        set: {},
        event: { type: 'consent_recorded', data: { consentId, givenOn: input.givenOn } },
        audit: { consentId },
      };
    },
    ip,
  );
}

/** Sharing or referring requires a recorded guardian consent, or an override whose reason is recorded and audited. */
export function createReferral(ctx: AppContext, actor: Actor, id: string, input: ReferralInput, ip?: string) {
  return mutate(
    ctx,
    actor,
    id,
    null,
    'refer',
    (c) => {
      requireAccess(actor, 'minorCase', c, 'work');
      requireState(c.status !== 'closed', '档案已结案，不能再转介。');
    },
    async (tx) => {
      const d = actor.districtId;
      let consentId: string | null = null;
      if (input.consentId) {
        const [consent] = await tx
          .select()
          .from(minorConsents)
          .where(
            and(eq(minorConsents.districtId, d), eq(minorConsents.id, input.consentId), eq(minorConsents.caseId, id)),
          );
        if (!consent || consent.withdrawnAt)
          throw badRequest('CONSENT_INVALID', '所选的监护人同意记录不存在或已撤回，请重新登记同意。');
        consentId = consent.id;
      } else if (!input.overrideReason || input.overrideReason.length < 5) {
        throw badRequest(
          'CONSENT_REQUIRED',
          '转介前须登记监护人同意；确因紧急保护需要不经同意转介的，请填写不少于 5 个字的理由（将记入审计日志）。',
        );
      }
      let receiverName = input.receiverName ?? '';
      let workUnitId: string | null = null;
      let receiverUserId: string | null = null;
      if (input.receiverKind === 'department') {
        if (!input.workUnitId) throw badRequest('RECEIVER_REQUIRED', '转介给部门时请选择具体部门。');
        const [u] = await tx
          .select()
          .from(workUnits)
          .where(and(eq(workUnits.districtId, d), eq(workUnits.id, input.workUnitId)));
        if (!u) throw badRequest('RECEIVER_NOT_FOUND', '所选部门不存在。');
        workUnitId = u.id;
        receiverName = u.name;
      } else if (input.receiverKind === 'organisation') {
        if (!input.receiverUserId) throw badRequest('RECEIVER_REQUIRED', '转介给社会组织时请选择该组织的账号。');
        const [u] = await queryRows<{ id: string; display_name: string; role: string }>(
          tx,
          sql`select id, display_name, role from users where district_id = ${d} and id = ${input.receiverUserId} and is_active`,
        );
        if (!u || u.role !== 'social_org') throw badRequest('RECEIVER_NOT_FOUND', '所选社会组织账号不存在或已停用。');
        receiverUserId = u.id;
        receiverName = u.display_name;
      } else if (!receiverName) {
        throw badRequest('RECEIVER_REQUIRED', '转介给志愿者时请填写志愿者（或志愿服务队）名称。');
      }
      const referralId = randomUUID();
      const ackDueAt = addWorkingDays(new Date(), input.ackDays);
      await tx.insert(minorReferrals).values({
        districtId: d,
        id: referralId,
        caseId: id,
        receiverKind: input.receiverKind,
        workUnitId,
        receiverUserId,
        receiverName,
        requestCipher: ctx.crypto.encrypt(input.request),
        consentId,
        overrideReasonCipher: consentId ? null : ctx.crypto.encrypt(input.overrideReason!),
        ackDueAt,
        createdBy: actor.userId,
      });
      const basis = consentId ? 'consent' : 'override';
      return {
        set: {},
        event: {
          type: 'referred',
          note: consentId ? null : `未经监护人同意转介，理由：${input.overrideReason}`,
          data: { referralId, receiverKind: input.receiverKind, receiverName, basis, ackDueAt: ackDueAt.toISOString() },
        },
        audit: {
          referralId,
          receiverKind: input.receiverKind,
          workUnitId,
          receiverUserId,
          basis,
          consentId,
          ...(consentId ? {} : { overrideReason: input.overrideReason }),
        },
        outbox: [
          {
            topic: 'minor.referral',
            payload: {
              referralId,
              receiverKind: input.receiverKind,
              workUnitId,
              receiverUserId,
              ackDueAt: ackDueAt.toISOString(),
            },
          },
        ],
      };
    },
    ip,
  );
}

export function requestClosure(ctx: AppContext, actor: Actor, id: string, reason: string, ip?: string) {
  return mutate(
    ctx,
    actor,
    id,
    null,
    'closure_request',
    (c) => {
      requireAccess(actor, 'minorCase', c, 'work');
      requireState(c.status === 'open', c.status === 'closed' ? '档案已结案。' : '结案申请已提交，等待站长审批。');
    },
    async () => ({
      set: { status: 'closure_requested', closureReasonCipher: ctx.crypto.encrypt(reason) },
      event: { type: 'closure_requested', note: reason },
      outbox: [{ topic: 'minor.closure_requested', payload: { to: 'minor_station_head' } }],
    }),
    ip,
  );
}

export function decideClosure(ctx: AppContext, actor: Actor, id: string, approve: boolean, note?: string, ip?: string) {
  return mutate(
    ctx,
    actor,
    id,
    null,
    'closure_decide',
    (c) => {
      requireAccess(actor, 'minorCase', c, 'approve');
      requireState(c.status === 'closure_requested', '该档案没有待审批的结案申请。');
    },
    async () => ({
      set: approve ? { status: 'closed', closedAt: new Date() } : { status: 'open' },
      event: { type: approve ? 'closed' : 'closure_rejected', note: note ?? null, data: { approve } },
      audit: { approve },
    }),
    ip,
  );
}

export function reopenCase(ctx: AppContext, actor: Actor, id: string, reason: string, ip?: string) {
  return mutate(
    ctx,
    actor,
    id,
    null,
    'reopen',
    (c) => {
      requireAccess(actor, 'minorCase', c, 'approve');
      requireState(c.status === 'closed', '只有已结案的档案可以重新开案。');
    },
    async (tx, c) => {
      const rules = await listCategories(tx, actor.districtId);
      // a reopened file is visited again soon: the schedule restarts from today
      return {
        set: {
          status: 'open',
          closedAt: null,
          nextVisitDue: addDays(today(), visitIntervalDays(c.categories, c.riskLevel, rules)),
          escalatedForDue: null,
        },
        event: { type: 'reopened', note: reason },
      };
    },
    ip,
  );
}

// ───────────────────────── referrals, for the receiver ─────────────────────────

export async function listReferralInbox(ctx: AppContext, actor: Actor): Promise<z.infer<typeof ReferralDto>[]> {
  const d = actor.districtId;
  const who = scopeWhere(actor, 'referral', {
    receiverKind: sql`r.receiver_kind`,
    workUnitId: sql`r.work_unit_id`,
    receiverUserId: sql`r.receiver_user_id`,
    case: CASE_COLUMNS,
  });
  const rows = await queryRows<{ id: string }>(
    ctx.db,
    sql`
    select r.id from minor_referrals r join minor_cases mc on mc.district_id = r.district_id and mc.id = r.case_id
    where r.district_id = ${d} and ${who} order by (r.status = 'reported'), r.ack_due_at limit 200`,
  );
  const out: z.infer<typeof ReferralDto>[] = [];
  for (const { id } of rows) {
    const { r, c } = await loadReferral(ctx.db, d, id);
    if (canRespond(actor, r, c)) out.push(referralView(ctx, actor, r, c, false));
  }
  return out;
}

/** Where a caseworker may refer: the district's functional departments and the social organisations' accounts. */
export async function listReferralReceivers(ctx: AppContext, actor: Actor) {
  const departments = await ctx.db
    .select({ id: workUnits.id, name: workUnits.name })
    .from(workUnits)
    .where(and(eq(workUnits.districtId, actor.districtId), eq(workUnits.isFunctionalDepartment, true)))
    .orderBy(asc(workUnits.id));
  const organisations = await queryRows<{ id: string; name: string }>(
    ctx.db,
    sql`
    select id, display_name as name from users where district_id = ${actor.districtId} and role = 'social_org' and is_active order by display_name`,
  );
  return { departments, organisations };
}

async function loadReferral(
  q: Queryable,
  districtId: string,
  id: string,
  lock = false,
): Promise<{ r: Referral; c: Case }> {
  const where = and(eq(minorReferrals.districtId, districtId), eq(minorReferrals.id, id));
  const rows = lock
    ? await q.select().from(minorReferrals).where(where).for('update')
    : await q.select().from(minorReferrals).where(where);
  if (!rows[0]) throw notFound('REFERRAL_NOT_FOUND', '找不到该转介。');
  return { r: rows[0], c: await loadCase(q, districtId, rows[0].caseId) };
}

async function respond(
  ctx: AppContext,
  actor: Actor,
  id: string,
  action: 'acknowledge' | 'report',
  report: string | null,
  ip?: string,
) {
  const d = actor.districtId;
  await ctx.db.transaction(async (tx) => {
    const { r, c } = await loadReferral(tx, d, id, true);
    if (!canRespond(actor, r, c))
      throw forbidden('REFERRAL_FORBIDDEN', '该转介不是转给您或您所在单位的，无权签收或反馈。');
    const now = new Date();
    if (action === 'acknowledge') {
      requireState(r.status === 'pending', '该转介已签收。');
      await tx
        .update(minorReferrals)
        .set({ status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actor.userId })
        .where(and(eq(minorReferrals.districtId, d), eq(minorReferrals.id, id)));
    } else {
      requireState(r.status !== 'reported', '该转介已反馈办理情况。');
      await tx
        .update(minorReferrals)
        .set({
          status: 'reported',
          reportCipher: ctx.crypto.encrypt(report!),
          reportedAt: now,
          acknowledgedAt: r.acknowledgedAt ?? now,
          acknowledgedBy: r.acknowledgedBy ?? actor.userId,
        })
        .where(and(eq(minorReferrals.districtId, d), eq(minorReferrals.id, id)));
    }
    await recordEvent(
      tx,
      actor,
      d,
      c.id,
      action === 'acknowledge' ? 'referral_acknowledged' : 'referral_reported',
      report,
      { referralId: id, late: r.ackDueAt < now && !r.acknowledgedAt },
      (s) => ctx.crypto.encrypt(s),
    );
    await writeAudit(
      tx,
      actor,
      { action: `minor_referral.${action}`, entityType: 'minor_referral', entityId: id, detail: { caseId: c.id } },
      ip,
    );
  });
  const { r, c } = await loadReferral(ctx.db, d, id);
  return referralView(ctx, actor, r, c, false);
}

export const acknowledgeReferral = (ctx: AppContext, actor: Actor, id: string, ip?: string) =>
  respond(ctx, actor, id, 'acknowledge', null, ip);
export const reportReferral = (ctx: AppContext, actor: Actor, id: string, report: string, ip?: string) =>
  respond(ctx, actor, id, 'report', report, ip);

// ───────────────────────── caseworker tasks ─────────────────────────

export async function getTasks(ctx: AppContext, actor: Actor, ip?: string) {
  const mine = sql`and ${scopeWhere(actor, 'minorCase', CASE_COLUMNS, 'caseload')}`;
  const t = today();
  const rows = await queryRows<CaseRow>(
    ctx.db,
    sql`${CASE_SELECT} where ${caseScopeSql(actor)} ${mine}
    and ((mc.status <> 'closed' and mc.next_visit_due <= ${addDays(t, 14)}::date) or mc.status = 'closure_requested')
    order by mc.next_visit_due, mc.case_no limit 500`,
  );
  const items = rows.map((r) => toSummary(ctx, actor, r));
  const inbox = can(actor, 'minor.referral.respond') ? await listReferralInbox(ctx, actor) : [];
  // referrals the caseworker made and is waiting on
  const waiting = can(actor, 'minor.casework')
    ? await queryRows<{ id: string }>(
        ctx.db,
        sql`
    select r.id from minor_referrals r join minor_cases mc on mc.district_id = r.district_id and mc.id = r.case_id
    where ${caseScopeSql(actor)} ${mine} and r.status <> 'reported' and r.receiver_kind <> 'volunteer' order by r.ack_due_at limit 100`,
      )
    : [];
  const awaiting = [...inbox];
  for (const { id } of waiting) {
    const { r, c } = await loadReferral(ctx.db, actor.districtId, id);
    if (!awaiting.some((a) => a.id === id)) awaiting.push(referralView(ctx, actor, r, c, canSeeIdentity(actor, c)));
  }
  const shown = items.filter((i) => i.identityVisible).map((i) => i.id);
  await writeAudit(
    ctx.db,
    actor,
    {
      action: 'minor_case.tasks',
      entityType: 'minor_case',
      entityId: null,
      detail: { count: items.length, identityShownFor: shown },
    },
    ip,
  );
  return {
    visitsOverdue: items.filter((i) => i.isVisitOverdue),
    visitsDue: items.filter((i) => !i.isVisitOverdue && i.status !== 'closed' && i.nextVisitDue !== null),
    closuresToDecide: items.filter((i) => i.status === 'closure_requested' && can(actor, 'minor.approve')),
    referralsAwaiting: awaiting,
  };
}

// ───────────────────────── overdue sweep ─────────────────────────

/**
 * Escalates overdue home visits to the street's station head, and referrals not acknowledged by their deadline,
 * exactly once: the conditional UPDATE records what it fired for, so another sweep (a second process, or after a
 * restart) finds nothing; something that fell due while the server was down is caught by the first sweep after start.
 */
export async function sweepMinorOverdue(
  ctx: AppContext,
  now = new Date(),
): Promise<{ visits: number; referrals: number }> {
  return ctx.db.transaction(async (tx) => {
    const visits = await queryRows<{
      district_id: string;
      id: string;
      case_no: string;
      street_id: string;
      due: string;
    }>(
      tx,
      sql`
      update minor_cases set escalated_for_due = next_visit_due, version = version + 1, updated_at = now()
      where status <> 'closed' and next_visit_due < ${shanghaiDate(now)}::date
        and (escalated_for_due is null or escalated_for_due <> next_visit_due)
      returning district_id, id, case_no, street_id, to_char(next_visit_due, 'YYYY-MM-DD') as due`,
    );
    for (const v of visits) {
      await tx.insert(minorCaseEvents).values({
        districtId: v.district_id,
        caseId: v.id,
        actorName: '系统',
        type: 'visit_overdue_escalated',
        data: { due: v.due, to: 'minor_station_head' },
      });
      await tx.insert(outbox).values({
        districtId: v.district_id,
        topic: 'minor.visit_overdue',
        payload: { caseId: v.id, caseNo: v.case_no, streetId: v.street_id, due: v.due, to: 'minor_station_head' },
      });
    }
    const referrals = await queryRows<{ district_id: string; id: string; case_id: string }>(
      tx,
      sql`
      update minor_referrals set ack_escalated_at = ${now.toISOString()}::timestamptz
      where status = 'pending' and ack_due_at < ${now.toISOString()}::timestamptz and ack_escalated_at is null
      returning district_id, id, case_id`,
    );
    for (const r of referrals) {
      await tx.insert(minorCaseEvents).values({
        districtId: r.district_id,
        caseId: r.case_id,
        actorName: '系统',
        type: 'referral_ack_overdue',
        data: { referralId: r.id, to: 'minor_station_head' },
      });
      await tx.insert(outbox).values({
        districtId: r.district_id,
        topic: 'minor.referral_overdue',
        payload: { referralId: r.id, caseId: r.case_id, to: 'minor_station_head' },
      });
    }
    return { visits: visits.length, referrals: referrals.length };
  });
}
