import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { maskPhone } from '../../lib/field-crypto.js';
import { maskIdNumber } from '../../lib/id-number.js';
import { namePinyin } from '../../lib/pinyin.js';
import * as repo from './repository/ledger.repository.js';
import type { households, people } from './people.tables.js';
import { TAGS_KEPT_FROM_LEDGER, type LedgerRecord } from './ledger.rows.js';

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  householdsCreated: number;
  writtenRows: number;
}

export type Book = Map<string, repo.ScopeBuildingRow>;

/**
 * One batch of checked ledger rows into the database: the households they name (made when missing), then
 * each person by ID-number hash — inserted when new, updated only in the fields that differ, else counted as
 * unchanged. The caller holds the transaction. Tags a ledger may not set (困境儿童) are kept as they were.
 */
export async function writeBatch(
  ctx: AppContext,
  q: Queryable,
  districtId: string,
  book: Book,
  records: LedgerRecord[],
  counts: Counts,
): Promise<void> {
  if (records.length === 0) return;
  const homeKey = (buildingId: string, unit: string, room: string) => `${buildingId}|${unit}|${room}`;
  const wanted = new Map<string, repo.HouseholdKey>();
  for (const r of records) {
    const b = book.get(r.address)!;
    wanted.set(homeKey(b.id, r.unit, r.room), { buildingId: b.id, unit: r.unit, room: r.room });
  }
  const keys = [...wanted.values()];
  const homes = new Map(
    (await repo.householdsAt(q, districtId, keys)).map((h) => [homeKey(h.buildingId, h.unit, h.room), h.id]),
  );
  const newHomes = new Map<string, typeof households.$inferInsert>();
  for (const r of records) {
    const b = book.get(r.address)!;
    const key = homeKey(b.id, r.unit, r.room);
    if (homes.has(key) || newHomes.has(key)) continue;
    newHomes.set(key, {
      districtId,
      id: randomUUID(),
      buildingId: b.id,
      compoundId: b.compound_id,
      orgPath: b.org_path,
      unit: r.unit,
      room: r.room,
    });
  }
  if (newHomes.size) {
    counts.householdsCreated += await repo.insertHouseholds(q, [...newHomes.values()]);
    for (const h of await repo.householdsAt(q, districtId, keys))
      homes.set(homeKey(h.buildingId, h.unit, h.room), h.id);
  }
  const hashes = records.map((r) => ctx.crypto.blindIndex(r.id.normalized));
  const existing = new Map((await repo.peopleByIdHashes(q, districtId, hashes)).map((p) => [p.id_hash, p]));
  const inserts: (typeof people.$inferInsert)[] = [];
  for (const [i, r] of records.entries()) {
    const b = book.get(r.address)!;
    const householdId = homes.get(homeKey(b.id, r.unit, r.room))!;
    const idHash = hashes[i]!;
    const p = existing.get(idHash);
    if (!p) {
      const py = namePinyin(r.name);
      inserts.push({
        districtId,
        id: randomUUID(),
        householdId,
        orgPath: b.org_path,
        name: r.name,
        namePinyin: py.full,
        nameInitials: py.initials,
        gender: r.id.gender,
        birthDate: r.id.birthDate,
        idCipher: ctx.crypto.encrypt(r.id.normalized),
        idHash,
        idMasked: maskIdNumber(r.id.normalized),
        phoneCipher: r.phone ? ctx.crypto.encrypt(r.phone) : null,
        phoneMasked: r.phone ? maskPhone(r.phone) : null,
        relation: r.relation,
        tags: r.tags,
      });
      continue;
    }
    const tags = [...r.tags, ...p.tags.filter((t) => TAGS_KEPT_FROM_LEDGER.includes(t))].sort();
    const phone = p.phone_cipher ? ctx.crypto.decrypt(p.phone_cipher) : null;
    const set: Partial<typeof people.$inferInsert> = {};
    if (p.household_id !== householdId) Object.assign(set, { householdId, orgPath: b.org_path });
    if (p.name !== r.name) {
      const py = namePinyin(r.name);
      Object.assign(set, { name: r.name, namePinyin: py.full, nameInitials: py.initials });
    }
    if (p.relation !== r.relation) set.relation = r.relation;
    if (phone !== r.phone)
      Object.assign(set, {
        phoneCipher: r.phone ? ctx.crypto.encrypt(r.phone) : null,
        phoneMasked: r.phone ? maskPhone(r.phone) : null,
      });
    if ([...p.tags].sort().join() !== tags.join()) set.tags = tags;
    if (Object.keys(set).length === 0) counts.unchanged++;
    else {
      await repo.updateLedgerPerson(q, districtId, p.id, set);
      counts.updated++;
    }
  }
  for (let i = 0; i < inserts.length; i += 500) await repo.insertPeople(q, inserts.slice(i, i + 500));
  counts.created += inserts.length;
  counts.writtenRows += records.length;
}
