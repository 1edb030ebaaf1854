import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { idNumberInvalid, peopleErrors as E } from './people.errors.js';
import { maskPhone } from '../../lib/field-crypto.js';
import { maskIdNumber, parseIdNumber } from '../../lib/id-number.js';
import { namePinyin } from '../../lib/pinyin.js';
import { assertCan, can, type Actor } from '../access/access.policy.js';
import { requireAccess, scopeWhere } from '../access/access.records.js';
import { personListableSql, seesDifficultyTag as canSeeDifficultyTag } from '../access/minor-protection.access.js';
import { writeAudit } from '../audit/audit.service.js';
import { decodeCursor, pageOf } from '../../lib/cursor.js';
import { escapeLike, prefixPattern } from '../../lib/like.js';
import { DIFFICULTY_TAG } from '../minor-protection/minor-protection.policy.js';
import { householdHash, nameHash, revealPerson } from './people.protection.js';
import * as repo from './people.repository.js';
import type { DetailRow, PersonRow } from './people.repository.js';
import { requireUnit } from '../org/org.service.js';
import type {
  CreatePersonInput,
  PersonDetail,
  PersonSummary,
  SearchPeopleInput,
  UpdatePersonInput,
} from '../../../shared/people.schema.js';

const ELDERLY_AGE = 60;

export function ageOn(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
  return age;
}

/**
 * Protected rows (people.protection.ts) come out of SQL with a placeholder name and no birth date or household:
 * decrypt them here, for callers the query already let see them, and look up their households' addresses.
 */
async function revealRows<T extends PersonRow>(ctx: AppContext, districtId: string, rows: T[]): Promise<T[]> {
  const out = rows.map((r) => {
    if (!r.protection) return r;
    const plain = revealPerson(ctx.crypto, r);
    return { ...r, name: plain.name, birth_date: plain.birthDate, household_id: plain.householdId };
  });
  const ids = [...new Set(out.filter((r) => r.protection && r.household_id).map((r) => r.household_id!))];
  if (ids.length === 0) return out;
  const addresses = new Map((await repo.householdAddresses(ctx.db, districtId, ids)).map((h) => [h.id, h]));
  return out.map((r) => {
    const h = r.protection && r.household_id ? addresses.get(r.household_id) : undefined;
    return h ? { ...r, compound_name: h.compound_name, building_name: h.building_name, unit: h.unit, room: h.room } : r;
  });
}

function toSummary(r: PersonRow, actor: Actor): PersonSummary {
  const age = ageOn(r.birth_date!);
  const tags = canSeeDifficultyTag(actor) ? r.tags : r.tags.filter((t) => t !== DIFFICULTY_TAG);
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    age,
    idMasked: r.id_masked,
    tags: age >= ELDERLY_AGE ? [...tags, 'elderly'] : tags,
    compoundName: r.compound_name,
    buildingName: r.building_name,
    unit: r.unit,
    room: r.room,
    orgPath: r.org_path,
  };
}

/**
 * People search within the actor's scope: by Chinese name prefix, pinyin or initials prefix, or an
 * exact ID number (through its keyed hash — the number itself is never in a query).
 */
export async function searchPeople(
  ctx: AppContext,
  actor: Actor,
  input: SearchPeopleInput,
): Promise<{ items: PersonSummary[]; nextCursor: string | null }> {
  const rows = await repo.searchPeopleRows(ctx.db, await peopleFilter(ctx, actor, input));
  const { page, nextCursor } = pageOf(rows, input.limit, (r) => [r.name_pinyin, r.id]);
  return { items: (await revealRows(ctx, actor.districtId, page)).map((r) => toSummary(r, actor)), nextCursor };
}

/** The caller's search as the repository's filter (also what the plan snapshots explain). */
export async function peopleFilter(
  ctx: AppContext,
  actor: Actor,
  input: SearchPeopleInput,
): Promise<repo.PeopleFilter> {
  const filter: repo.PeopleFilter = {
    districtId: actor.districtId,
    scope: scopeWhere(actor, 'person', repo.PERSON_COLUMNS),
    listable: personListableSql(actor),
    guardians: 'hide',
    limit: input.limit + 1,
  };
  if (input.orgUnitId) filter.underPath = prefixPattern((await requireUnit(ctx, actor, input.orgUnitId)).path);
  const q = input.q;
  let exact = false;
  if (/^\d{15,17}[\dXx]$/.test(q)) {
    const parsed = parseIdNumber(q);
    if ('problem' in parsed) throw idNumberInvalid(parsed.problem);
    filter.idHash = ctx.crypto.blindIndex(parsed.normalized);
    exact = true;
  } else if (/[\u3400-\u9fff]/.test(q)) {
    // prefix search on plain names; a protected person only by the exact full name (keyed hash)
    filter.cjkName = { prefix: prefixPattern(q), hash: nameHash(ctx.crypto, q) };
  } else if (q) {
    const latin = escapeLike(q.toLowerCase().replace(/[^a-z]/g, ''));
    if (!latin) throw E.SEARCH_QUERY_INVALID();
    filter.latinPrefix = latin;
  }
  // A child's guardians are ordinary residents, but browsing lists (by unit, by tag, all) would mark them out:
  // they are found by their exact full name or ID number only.
  if (exact) filter.guardians = 'show';
  else if (/[\u3400-\u9fff]/.test(q)) filter.guardians = { nameHash: nameHash(ctx.crypto, q) };
  if (input.tag === DIFFICULTY_TAG && !canSeeDifficultyTag(actor)) {
    throw E.TAG_RESTRICTED();
  }
  if (input.tag) filter.tag = input.tag;
  if (input.cursor) filter.after = decodeCursor(input.cursor, ['text', 'text'], E.CURSOR_INVALID);
  return filter;
}

async function loadPerson(ctx: AppContext, actor: Actor, id: string): Promise<DetailRow> {
  const row = await repo.personDetailRow(ctx.db, actor.districtId, id, personListableSql(actor));
  // a child with a minor-protection file does not exist in the registry for callers without identity access to it
  if (!row || !row.listable) throw E.PERSON_NOT_FOUND();
  requireAccess(actor, 'person', { orgPath: row.org_path });
  return (await revealRows(ctx, actor.districtId, [row]))[0]!;
}

/** A household's members the caller may see: plain rows by household id, protected ones by the household's keyed hash. */
async function householdMembers(ctx: AppContext, actor: Actor, householdId: string): Promise<PersonRow[]> {
  const rows = await repo.householdMemberRows(ctx.db, {
    districtId: actor.districtId,
    householdId,
    householdHash: householdHash(ctx.crypto, householdId),
    listable: personListableSql(actor),
  });
  return (await revealRows(ctx, actor.districtId, rows)).sort(
    (a, b) => a.birth_date!.localeCompare(b.birth_date!) || a.id.localeCompare(b.id),
  );
}

export async function getPerson(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ person: PersonDetail; household: PersonSummary[]; can: { revealIdentity: boolean; edit: boolean } }> {
  const row = await loadPerson(ctx, actor, id);
  const members = row.household_id ? await householdMembers(ctx, actor, row.household_id) : [];
  return {
    person: {
      ...toSummary(row, actor),
      birthDate: row.birth_date!,
      phoneMasked: row.phone_masked,
      relation: row.relation,
      workUnitName: row.work_unit_name,
      householdId: row.household_id,
      version: row.version,
    },
    household: members.map((m) => toSummary(m, actor)),
    can: { revealIdentity: can(actor, 'people.identity.reveal'), edit: can(actor, 'people.write') },
  };
}

/** Decrypt one ID number for a person who needs it; the read itself is audited (PIPL). */
export async function revealIdentity(
  ctx: AppContext,
  actor: Actor,
  id: string,
  ip?: string,
): Promise<{ idNumber: string }> {
  assertCan(actor, 'people.identity.reveal');
  await loadPerson(ctx, actor, id);
  const row = await repo.personIdCipher(ctx.db, actor.districtId, id);
  await writeAudit(ctx.db, actor, { action: 'people.identity_revealed', entityType: 'person', entityId: id }, ip);
  return { idNumber: ctx.crypto.decrypt(row!.idCipher) };
}

export function validateIdNumber(input: string) {
  const parsed = parseIdNumber(input);
  if ('problem' in parsed) throw idNumberInvalid(parsed.problem);
  return parsed;
}

export async function createPerson(
  ctx: AppContext,
  actor: Actor,
  input: CreatePersonInput,
  ip?: string,
): Promise<PersonDetail> {
  const id = validateIdNumber(input.idNumber);
  const household = await repo.findHousehold(ctx.db, actor.districtId, input.householdId);
  if (!household) throw E.HOUSEHOLD_NOT_FOUND();
  requireAccess(actor, 'household', household);
  const idHash = ctx.crypto.blindIndex(id.normalized);
  const dupe = await repo.personIdByIdHash(ctx.db, actor.districtId, idHash);
  if (dupe) throw E.PERSON_DUPLICATE_ID();
  const personId = randomUUID();
  const py = namePinyin(input.name);
  await ctx.db.transaction(async (tx) => {
    await repo.insertPerson(tx, {
      districtId: actor.districtId,
      id: personId,
      householdId: household.id,
      orgPath: household.orgPath,
      name: input.name,
      namePinyin: py.full,
      nameInitials: py.initials,
      gender: id.gender,
      birthDate: id.birthDate,
      idCipher: ctx.crypto.encrypt(id.normalized),
      idHash,
      idMasked: maskIdNumber(id.normalized),
      phoneCipher: input.phone ? ctx.crypto.encrypt(input.phone) : null,
      phoneMasked: input.phone ? maskPhone(input.phone) : null,
      relation: input.relation,
      tags: input.tags,
      workUnitId: input.workUnitId ?? null,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'person.create',
        entityType: 'person',
        entityId: personId,
        detail: { name: input.name, householdId: household.id, tags: input.tags },
      },
      ip,
    );
  });
  return (await getPerson(ctx, actor, personId)).person;
}

export async function updatePerson(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdatePersonInput,
  ip?: string,
): Promise<PersonDetail> {
  const current = await loadPerson(ctx, actor, id);
  const { version, phone, name, ...rest } = input;
  // a caller who cannot see the child-in-difficulty tag must not drop it by saving the tags it sees
  if (rest.tags && !canSeeDifficultyTag(actor) && current.tags.includes(DIFFICULTY_TAG))
    rest.tags = [...rest.tags.filter((t) => t !== DIFFICULTY_TAG), DIFFICULTY_TAG];
  await ctx.db.transaction(async (tx) => {
    const ok = await repo.updatePersonAtVersion(
      tx,
      { districtId: actor.districtId, id, version },
      {
        ...rest,
        ...(name && !current.protection
          ? { name, namePinyin: namePinyin(name).full, nameInitials: namePinyin(name).initials }
          : {}),
        ...(name && current.protection
          ? { nameCipher: ctx.crypto.encrypt(name), nameHash: nameHash(ctx.crypto, name) }
          : {}),
        ...(phone !== undefined
          ? { phoneCipher: phone ? ctx.crypto.encrypt(phone) : null, phoneMasked: phone ? maskPhone(phone) : null }
          : {}),
      },
    );
    if (!ok) throw E.VERSION_CONFLICT();
    // The audit row records which fields changed, never the personal values themselves.
    await writeAudit(
      tx,
      actor,
      {
        action: 'person.update',
        entityType: 'person',
        entityId: id,
        detail: { fields: Object.keys(input).filter((k) => k !== 'version') },
      },
      ip,
    );
  });
  return (await getPerson(ctx, actor, id)).person;
}
