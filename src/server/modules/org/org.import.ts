import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.js';
import { analyzeTables } from '../../db/analyze.js';
import { orgErrors as E } from './org.errors.js';
import { yieldToEventLoop } from '../../lib/uploads.js';
import { readXlsxRows, type XlsxLimits } from '../../lib/xlsx-reader.js';
import { cellText } from '../../lib/xlsx.js';
import { namePinyin } from '../../lib/pinyin.js';
import type { Actor } from '../access/access.policy.js';
import { scopeWhere } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import * as repo from './org.repository.js';
import type { ImportResult } from '../../../shared/org.schema.js';

/**
 * .xlsx import of the compound and building ledgers (台账). All rows are checked first; if any row is
 * wrong nothing is written and every problem is reported with its row number. Rows are matched by
 * natural key (community + compound name, compound + building name), so importing the same file
 * again changes nothing.
 */
export const MAX_IMPORT_ROWS = 20_000;

const YES = ['是', 'Y', 'YES', 'TRUE', '1'];
const NO = ['否', 'N', 'NO', 'FALSE', '0', ''];
const COMMITTEE: Record<string, repo.CompoundFields['ownersCommittee']> = {
  业委会: 'owners_committee',
  物管会: 'property_committee',
  无: 'none',
  '': 'none',
};

export const COMPOUND_COLUMNS = [
  '社区编码',
  '小区名称',
  '地址',
  '老旧小区',
  '已改造',
  '业委会/物管会',
  '物业公司',
] as const;
export const BUILDING_COLUMNS = ['社区编码', '小区名称', '楼栋名称', '单元数', '层数', '地址'] as const;

type RowError = ImportResult['errors'][number];
type Cells = Record<string, string>;

/** Caps of the ledger imports: 20,000 rows fit in a few MB of sheet XML. */
export const LEDGER_LIMITS: XlsxLimits = {
  maxRows: MAX_IMPORT_ROWS,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 96 * 1024 * 1024,
};

/**
 * Reads the first sheet as a stream (see lib/xlsx-reader.ts): the row cap and the uncompressed-size
 * caps stop the read while it runs. Yields to the event loop every 1,000 rows so the server keeps
 * answering during a large import.
 */
export async function readSheet(
  file: Buffer,
  columns: readonly string[],
  limits: XlsxLimits = LEDGER_LIMITS,
): Promise<{ row: number; cells: Cells }[]> {
  const rows: { row: number; cells: Cells }[] = [];
  let header: Map<string, number> | null = null;
  for await (const r of readXlsxRows(file, limits)) {
    if (!header) {
      header = new Map<string, number>();
      if (r.number === 1) {
        for (let col = 1; col <= 200; col++) {
          const name = cellText(r.getCell(col).value);
          if (name && !header.has(name)) header.set(name, col);
        }
      }
      const missing = columns.filter((c) => !header!.has(c));
      if (missing.length) throw E.IMPORT_COLUMNS_MISSING({ columns: missing.join('、') });
      continue;
    }
    const cells: Cells = {};
    for (const c of columns) cells[c] = cellText(r.getCell(header.get(c)!).value);
    if (Object.values(cells).some((v) => v !== '')) rows.push({ row: r.number, cells });
    if (rows.length % 1000 === 0) await yieldToEventLoop();
  }
  if (!header) throw E.IMPORT_COLUMNS_MISSING({ columns: columns.join('、') });
  if (rows.length === 0) throw E.IMPORT_EMPTY();
  return rows;
}

function yesNo(v: string, field: string, row: number, errors: RowError[]): boolean {
  const up = v.toUpperCase();
  if (YES.includes(up)) return true;
  if (NO.includes(up)) return false;
  errors.push({ row, field, message: `“${v}”无法识别，请填“是”或“否”。` });
  return false;
}

async function communitiesInScope(ctx: AppContext, actor: Actor) {
  const rows = await repo.importCommunities(
    ctx.db,
    actor.districtId,
    scopeWhere(actor, 'orgUnit', repo.ORG_UNIT_COLUMNS),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

export async function compoundsInScope(ctx: AppContext, actor: Actor) {
  const rows = await repo.importCompoundRows(
    ctx.db,
    actor.districtId,
    scopeWhere(actor, 'orgUnit', repo.ORG_UNIT_COLUMNS),
  );
  return new Map(rows.map((r) => [`${r.parentId}|${r.name}`, r]));
}

export async function importCompounds(ctx: AppContext, actor: Actor, file: Buffer, ip?: string): Promise<ImportResult> {
  const rows = await readSheet(file, COMPOUND_COLUMNS);
  const communities = await communitiesInScope(ctx, actor);
  const existing = await compoundsInScope(ctx, actor);
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const parsed: { row: number; communityId: string; fields: repo.CompoundFields }[] = [];
  for (const { row, cells } of rows) {
    const communityId = cells['社区编码']!;
    const name = cells['小区名称']!;
    if (!communities.has(communityId)) {
      errors.push({
        row,
        field: '社区编码',
        message: communityId ? `社区编码 ${communityId} 不存在或不在您的管辖范围内。` : '社区编码不能为空。',
      });
    }
    if (!name) errors.push({ row, field: '小区名称', message: '小区名称不能为空。' });
    else if (name.length > 60) errors.push({ row, field: '小区名称', message: '小区名称不能超过 60 个字。' });
    const key = `${communityId}|${name}`;
    if (seen.has(key)) errors.push({ row, field: '小区名称', message: `与第 ${seen.get(key)} 行重复。` });
    seen.set(key, row);
    const committee = COMMITTEE[cells['业委会/物管会']!];
    if (!committee) errors.push({ row, field: '业委会/物管会', message: '请填“业委会”“物管会”或“无”。' });
    const fields: repo.CompoundFields = {
      name,
      address: cells['地址'] || null,
      isOld: yesNo(cells['老旧小区']!, '老旧小区', row, errors),
      isRenovated: yesNo(cells['已改造']!, '已改造', row, errors),
      ownersCommittee: committee ?? 'none',
      propertyCompany: cells['物业公司'] || null,
    };
    parsed.push({ row, communityId, fields });
  }
  if (errors.length) return { created: 0, updated: 0, unchanged: 0, errors };

  let created = 0,
    updated = 0,
    unchanged = 0;
  await ctx.db.transaction(async (tx) => {
    const nextNumber = new Map<string, number>();
    for (const { communityId, fields } of parsed) {
      const current = existing.get(`${communityId}|${fields.name}`);
      if (!current) {
        const community = communities.get(communityId)!;
        if (!nextNumber.has(communityId)) {
          const id = await repo.nextCompoundId(tx, actor.districtId, communityId);
          nextNumber.set(communityId, Number(id.slice(-3)));
        }
        const n = nextNumber.get(communityId)!;
        nextNumber.set(communityId, n + 1);
        await repo.insertCompound(
          tx,
          actor.districtId,
          community,
          `${communityId}-C${String(n).padStart(3, '0')}`,
          fields,
          namePinyin(fields.name).full,
        );
        created++;
      } else if (
        current.address !== fields.address ||
        current.isOld !== fields.isOld ||
        current.isRenovated !== fields.isRenovated ||
        current.ownersCommittee !== fields.ownersCommittee ||
        current.propertyCompany !== fields.propertyCompany
      ) {
        await repo.updateCompound(tx, actor.districtId, current.id, current.version, fields);
        updated++;
      } else {
        unchanged++;
      }
    }
    if (created + updated > 0) {
      await writeAudit(
        tx,
        actor,
        {
          action: 'compound.import',
          entityType: 'org_unit',
          detail: { created, updated, unchanged, rows: parsed.length },
        },
        ip,
      );
    }
  });
  if (created + updated > 0) await analyzeTables(ctx.db, ['org_units']); // a bulk load: fresh statistics
  return { created, updated, unchanged, errors: [] };
}

export async function importBuildings(ctx: AppContext, actor: Actor, file: Buffer, ip?: string): Promise<ImportResult> {
  const rows = await readSheet(file, BUILDING_COLUMNS);
  const compounds = await compoundsInScope(ctx, actor);
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const parsed: { compound: { id: string; path: string }; fields: repo.BuildingFields }[] = [];
  for (const { row, cells } of rows) {
    const compound = compounds.get(`${cells['社区编码']}|${cells['小区名称']}`);
    if (!compound)
      errors.push({
        row,
        field: '小区名称',
        message: `社区 ${cells['社区编码'] || '（空）'} 下没有名为“${cells['小区名称']}”的小区，或不在您的管辖范围内。请先导入小区。`,
      });
    const name = cells['楼栋名称']!;
    if (!name) errors.push({ row, field: '楼栋名称', message: '楼栋名称不能为空。' });
    const key = `${cells['社区编码']}|${cells['小区名称']}|${name}`;
    if (seen.has(key)) errors.push({ row, field: '楼栋名称', message: `与第 ${seen.get(key)} 行重复。` });
    seen.set(key, row);
    const units = intCell(cells['单元数']!, '单元数', 1, 50, row, errors);
    const floors = intCell(cells['层数']!, '层数', 1, 120, row, errors);
    if (compound) parsed.push({ compound, fields: { name, units, floors, address: cells['地址'] || null } });
  }
  if (errors.length) return { created: 0, updated: 0, unchanged: 0, errors };

  let created = 0,
    updated = 0,
    unchanged = 0;
  await ctx.db.transaction(async (tx) => {
    const compoundIds = [...new Set(parsed.map((p) => p.compound.id))];
    const current = await repo.buildingsOfCompounds(tx, actor.districtId, compoundIds);
    const byKey = new Map(current.map((b) => [`${b.compoundId}|${b.name}`, b]));
    for (const { compound, fields } of parsed) {
      const b = byKey.get(`${compound.id}|${fields.name}`);
      if (!b) {
        await repo.insertBuilding(tx, actor.districtId, compound, fields);
        created++;
      } else if (b.units !== fields.units || b.floors !== fields.floors || b.address !== fields.address) {
        await repo.updateBuilding(tx, actor.districtId, b.id, b.version, fields);
        updated++;
      } else {
        unchanged++;
      }
    }
    if (created + updated > 0) {
      await writeAudit(
        tx,
        actor,
        {
          action: 'building.import',
          entityType: 'building',
          detail: { created, updated, unchanged, rows: parsed.length },
        },
        ip,
      );
    }
  });
  if (created + updated > 0) await analyzeTables(ctx.db, ['buildings']);
  return { created, updated, unchanged, errors: [] };
}

function intCell(v: string, field: string, min: number, max: number, row: number, errors: RowError[]): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    errors.push({ row, field, message: `应为 ${min}–${max} 之间的整数，实际为“${v}”。` });
    return min;
  }
  return n;
}

export async function buildTemplate(kind: 'compounds' | 'buildings'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(kind === 'compounds' ? '小区台账' : '楼栋台账');
  const columns = kind === 'compounds' ? COMPOUND_COLUMNS : BUILDING_COLUMNS;
  ws.addRow([...columns]);
  ws.getRow(1).font = { bold: true };
  ws.addRow(
    kind === 'compounds'
      ? ['140213066003', '示例小区', '平城区示例路 1 号', '否', '否', '业委会', '示例物业公司']
      : ['140213066003', '示例小区', '1号楼', 2, 6, ''],
  );
  columns.forEach((_, i) => {
    ws.getColumn(i + 1).width = 18;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
