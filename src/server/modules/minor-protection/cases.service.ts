import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/client.js';
import { requireState } from '../../lib/errors.js';
import { shanghaiDate } from '../../lib/time.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { OPENS_OWN_CASES_ONLY } from '../access/minor-protection.access.js';
import { writeAudit } from '../audit/audit.service.js';
import { householdHash, protectPeople, revealPerson } from '../people/people.protection.js';
import type { CaseResponse, CreateCaseInput, UpdateCaseInput } from '../../../shared/minor-protection.schema.js';
import { addDays, assertCategories, visitIntervalDays } from './categories.service.js';
import { detailOf } from './case-view.js';
import { loadCase, recordEvent, writeCase, type CaseOp } from './case-write.js';
import { CaseState, MinorErrors as E } from './minor-protection.errors.js';
import { MASKED_CHILD_NAME } from './minor-protection.policy.js';
import { findCaseNoOfPerson, insertCase, nextCaseSerial, type Case } from './repository/cases.repository.js';
import {
  findAccountWithPath,
  findHouseholdAddress,
  findSubjectRow,
  selectHouseholdMembers,
} from './repository/subjects.repository.js';

/** Opening a file, changing it, assigning its social worker. */

interface CaseSubject {
  id: string;
  orgPath: string;
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  idCipher: string;
  idMasked: string;
  householdId: string | null;
  address: string | null;
}

/** The child a file is opened for, with name, birth date and address decrypted when the row is already protected. */
async function loadCaseSubject(ctx: AppContext, d: string, personId: string): Promise<CaseSubject | undefined> {
  const row = await findSubjectRow(ctx.db, d, personId);
  if (!row) return undefined;
  const plain = revealPerson(ctx.crypto, row);
  return {
    id: row.id,
    orgPath: row.org_path,
    gender: row.gender,
    idCipher: row.id_cipher,
    idMasked: row.id_masked,
    name: plain.name,
    birthDate: plain.birthDate,
    householdId: plain.householdId,
    address: plain.householdId ? await findHouseholdAddress(ctx.db, d, plain.householdId) : null,
  };
}

/** Encrypts at rest the child's registry row and those of the household's adults named as guardians. */
async function protectCaseIdentities(
  ctx: AppContext,
  tx: Tx,
  d: string,
  m: { child: CaseSubject; guardianNames: readonly string[] },
): Promise<void> {
  const { child, guardianNames } = m;
  await protectPeople(tx, ctx.crypto, d, [child.id], 'child');
  if (!child.householdId || guardianNames.length === 0) return;
  const members = await selectHouseholdMembers(tx, d, {
    childId: child.id,
    householdId: child.householdId,
    householdHash: householdHash(ctx.crypto, child.householdId),
  });
  const guardians = members.filter((x) => guardianNames.includes(revealPerson(ctx.crypto, x).name)).map((x) => x.id);
  await protectPeople(tx, ctx.crypto, d, guardians, 'guardian');
}

async function assertWorker(q: Queryable, districtId: string, userId: string, casePath: string): Promise<void> {
  const u = await findAccountWithPath(q, districtId, userId);
  if (!u || u.role !== 'social_worker' || !u.is_active) throw E.WORKER_INVALID();
  if (!casePath.startsWith(u.path)) throw E.WORKER_OUT_OF_AREA();
}

export async function createCase(
  ctx: AppContext,
  actor: Actor,
  input: CreateCaseInput,
  ip?: string,
): Promise<CaseResponse> {
  const d = actor.districtId;
  const p = await loadCaseSubject(ctx, d, input.personId);
  if (!p) throw E.PERSON_NOT_FOUND();
  // the file as it will be: a social worker opens it for themself (and reads only files assigned to them)
  requireAccess(actor, 'minorCase', {
    orgPath: p.orgPath,
    workerUserId: OPENS_OWN_CASES_ONLY[actor.role] ? actor.userId : null,
    status: 'open',
  });
  const birthYear = Number(p.birthDate.slice(0, 4));
  const today = shanghaiDate(new Date());
  const openedOn = input.openedOn ?? today;
  if (openedOn > today) throw E.DATE_IN_FUTURE();
  const [py, pm, pd] = p.birthDate.split('-').map(Number) as [number, number, number];
  const eighteen = `${py + 18}-${String(pm).padStart(2, '0')}-${String(pd).padStart(2, '0')}`;
  if (eighteen <= openedOn) throw E.NOT_A_MINOR();
  const segments = p.orgPath.split('/');
  if (segments.length < 4) throw E.ADDRESS_INCOMPLETE();
  const [streetId, communityId] = [segments[1]!, segments[2]!];
  let workerUserId: string | null = null;
  if (OPENS_OWN_CASES_ONLY[actor.role]) {
    if (input.workerUserId && input.workerUserId !== actor.userId) throw E.ASSIGN_FORBIDDEN();
    workerUserId = actor.userId;
  } else if (input.workerUserId) {
    await assertWorker(ctx.db, d, input.workerUserId, p.orgPath);
    workerUserId = input.workerUserId;
  }
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    const rules = await assertCategories(tx, d, input.categories);
    const dupe = await findCaseNoOfPerson(tx, d, p.id);
    if (dupe) throw E.CASE_EXISTS({ caseNo: dupe });
    const caseNo = `WB${openedOn.slice(0, 4)}${String(await nextCaseSerial(tx, d)).padStart(4, '0')}`;
    const interval = visitIntervalDays(input.categories, input.riskLevel, rules);
    const enc = (s: string) => ctx.crypto.encrypt(s);
    await insertCase(tx, {
      districtId: d,
      id,
      caseNo,
      personId: p.id,
      orgPath: p.orgPath,
      streetId,
      communityId,
      categories: input.categories,
      riskLevel: input.riskLevel,
      workerUserId,
      gender: p.gender,
      birthYear,
      nameCipher: enc(p.name),
      nameMasked: MASKED_CHILD_NAME,
      idCipher: p.idCipher,
      idMasked: p.idMasked,
      addressCipher: p.address ? enc(p.address) : null,
      guardiansCipher: enc(JSON.stringify(input.guardians)),
      healthCipher: input.health ? enc(input.health) : null,
      needs: input.needs,
      assessmentCipher: enc(JSON.stringify({ notes: input.assessmentNotes ?? null })),
      planCipher: enc(JSON.stringify({ goals: [] })),
      openedOn,
      nextVisitDue: addDays(openedOn, interval),
      createdBy: actor.userId,
    });
    await protectCaseIdentities(ctx, tx, d, { child: p, guardianNames: input.guardians.map((g) => g.name) });
    await recordEvent(ctx, tx, {
      actor,
      districtId: d,
      caseId: id,
      type: 'opened',
      data: { categories: input.categories, riskLevel: input.riskLevel, workerUserId },
    });
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

export function updateCase(ctx: AppContext, actor: Actor, op: CaseOp & { input: UpdateCaseInput }) {
  const { version, ...changes } = op.input;
  return writeCase(ctx, actor, {
    id: op.id,
    version,
    action: 'update',
    ip: op.ip,
    authorise: (c) => {
      requireAccess(actor, 'minorCase', c, 'work');
      requireState(c.status !== 'closed', CaseState.CLOSED_KEEPS_NO_WORK);
    },
    apply: async (tx, c) => {
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
  });
}

export function assignWorker(ctx: AppContext, actor: Actor, op: CaseOp & { workerUserId: string }) {
  const { workerUserId } = op;
  return writeCase(ctx, actor, {
    id: op.id,
    version: null,
    action: 'assign',
    ip: op.ip,
    authorise: (c) => requireAccess(actor, 'minorCase', c, 'approve'),
    apply: async (tx, c) => {
      requireState(c.status !== 'closed', CaseState.CLOSED_NO_ASSIGN);
      await assertWorker(tx, actor.districtId, workerUserId, c.orgPath);
      return {
        set: { workerUserId },
        event: { type: 'assigned', data: { from: c.workerUserId, to: workerUserId } },
        outbox: [{ topic: 'minor.assigned', payload: { workerUserId } }],
      };
    },
  });
}
