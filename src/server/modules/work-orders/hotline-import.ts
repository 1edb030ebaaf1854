import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { analyzeTables } from '../../db/analyze.js';
import { maskPhone } from '../../lib/field-crypto.js';
import { yieldToEventLoop } from '../../lib/uploads.js';
import { buildWorkbook, tableSheet, type XlsxLimits } from '../../lib/xlsx.js';
import { addWorkingDays } from '../../lib/working-days.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import { compoundsInScope, readSheet } from '../org/org.import.js';
import type { ImportResult } from '../../../shared/org.schema.js';
import { listCategories } from './repository/categories.repository.js';
import { reserveOrderNumbers } from './repository/create.repository.js';
import { hotlineOrders, insertEvents, insertOrders, updateOrder } from './repository/hotline.repository.js';
import type { workOrderEvents, workOrders } from './work-orders.tables.js';

/**
 * Import of the municipal 12345 platform's .xlsx export, keyed by the 12345 number: a new number
 * creates an order waiting for the compound to accept it, a known one updates its text — never a
 * duplicate. All rows are checked first; any bad row means nothing is written.
 */
export const HOTLINE_COLUMNS = [
  '12345工单编号',
  '受理时间',
  '诉求分类',
  '标题',
  '诉求内容',
  '社区编码',
  '小区名称',
  '联系人',
  '联系电话',
] as const;
const BATCH = 1000;
/**
 * 200,000 rows of a real export are ≈100–250 MB of sheet XML: the caps leave room for long texts
 * and refuse a 1M-row file (≈500 MB of XML) from its declared sizes before inflating anything.
 */
export const HOTLINE_LIMITS: XlsxLimits = {
  maxRows: 200_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 320 * 1024 * 1024,
};
/** The upload itself: a 200,000-row export is ≈8–25 MB. */
export const HOTLINE_MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

type RowError = ImportResult['errors'][number];

function parseTime(v: string): Date | null {
  if (!v) return new Date();
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const date = new Date(
    `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}T${h.padStart(2, '0')}:${mi}:${s.padStart(2, '0')}+08:00`,
  );
  return Number.isNaN(date.getTime()) || date.getTime() > Date.now() + 86400_000 ? null : date;
}

export async function importHotlineOrders(
  ctx: AppContext,
  actor: Actor,
  file: Buffer,
  ip?: string,
): Promise<ImportResult> {
  const d = actor.districtId;
  const rows = await readSheet(file, HOTLINE_COLUMNS, HOTLINE_LIMITS);
  const compounds = await compoundsInScope(ctx, actor);
  const categories = await listCategories(ctx.db, d);
  const categoryByName = new Map(categories.map((c) => [c.name, c]));
  const existing = await hotlineOrders(ctx.db, d);
  const byNo = new Map(existing.map((o) => [o.hotlineNo!, o]));
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  interface Parsed {
    no: string;
    at: Date;
    category: (typeof categories)[number];
    title: string;
    description: string;
    compound: { id: string; path: string };
    name: string | null;
    phone: string | null;
  }
  const parsed: Parsed[] = [];
  for (const [i, { row, cells }] of rows.entries()) {
    if (i % BATCH === BATCH - 1) await yieldToEventLoop();
    const no = cells['12345工单编号']!;
    if (!/^[A-Za-z0-9-]{4,40}$/.test(no))
      errors.push({
        row,
        field: '12345工单编号',
        message: no ? `工单编号“${no}”格式不正确。` : '12345 工单编号不能为空。',
      });
    if (seen.has(no)) errors.push({ row, field: '12345工单编号', message: `与第 ${seen.get(no)} 行重复。` });
    seen.set(no, row);
    const at = parseTime(cells['受理时间']!);
    if (!at)
      errors.push({ row, field: '受理时间', message: `“${cells['受理时间']}”不是有效时间，格式如 2026-11-20 09:30。` });
    const category = categoryByName.get(cells['诉求分类']!);
    if (!category)
      errors.push({
        row,
        field: '诉求分类',
        message: `分类“${cells['诉求分类']}”不存在，可用：${categories
          .map((c) => c.name)
          .slice(0, 8)
          .join('、')}…`,
      });
    const title = cells['标题']!.slice(0, 80) || cells['诉求内容']!.slice(0, 30);
    if (!title) errors.push({ row, field: '标题', message: '标题和诉求内容不能都为空。' });
    const compound = compounds.get(`${cells['社区编码']}|${cells['小区名称']}`);
    if (!compound)
      errors.push({
        row,
        field: '小区名称',
        message: `社区 ${cells['社区编码'] || '（空）'} 下没有“${cells['小区名称']}”，或不在您的管辖范围内。`,
      });
    const phone = cells['联系电话'] || null;
    if (phone && !/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/.test(phone))
      errors.push({ row, field: '联系电话', message: `电话“${phone}”格式不正确。` });
    if (at && category && compound && title) {
      parsed.push({
        no,
        at,
        category,
        title,
        description: cells['诉求内容'] || title,
        compound,
        name: cells['联系人'] || null,
        phone,
      });
    }
  }
  if (errors.length) return { created: 0, updated: 0, unchanged: 0, errors: errors.slice(0, 1000) };

  // Everything that costs CPU (encryption, deadlines) is prepared before the transaction, with the
  // event loop given back every batch, so the transaction only writes — and yields between batches.
  let created = 0,
    unchanged = 0;
  const newRows: { row: Omit<typeof workOrders.$inferInsert, 'no'>; event: typeof workOrderEvents.$inferInsert }[] = [];
  const changes: {
    id: string;
    set: Partial<typeof workOrders.$inferInsert>;
    event: typeof workOrderEvents.$inferInsert;
  }[] = [];
  for (const [i, p] of parsed.entries()) {
    if (i % BATCH === BATCH - 1) await yieldToEventLoop();
    const current = byNo.get(p.no);
    const phoneMasked = p.phone ? maskPhone(p.phone) : null;
    if (!current) {
      const id = randomUUID();
      const stageDueAt = addWorkingDays(p.at, p.category.acceptDays);
      newRows.push({
        row: {
          districtId: d,
          id,
          hotlineNo: p.no,
          channel: 'hotline_12345',
          categoryId: p.category.id,
          title: p.title,
          description: p.description,
          compoundId: p.compound.id,
          orgPath: p.compound.path,
          reporterName: p.name,
          reporterPhoneCipher: p.phone ? ctx.crypto.encrypt(p.phone) : null,
          reporterPhoneMasked: phoneMasked,
          status: 'new',
          stageDueAt,
          dueAt: stageDueAt,
          createdBy: actor.userId,
          createdAt: p.at,
        },
        event: {
          districtId: d,
          orderId: id,
          actorUserId: actor.userId,
          actorName: actor.displayName,
          actorRole: actor.role,
          type: 'imported',
          note: `12345 工单 ${p.no}`,
          data: { hotlineNo: p.no },
        },
      });
      created++;
    } else if (
      current.title !== p.title ||
      current.description !== p.description ||
      current.reporterName !== p.name ||
      current.reporterPhoneMasked !== phoneMasked
    ) {
      changes.push({
        id: current.id,
        set: {
          title: p.title,
          description: p.description,
          reporterName: p.name,
          reporterPhoneMasked: phoneMasked,
          reporterPhoneCipher: p.phone ? ctx.crypto.encrypt(p.phone) : null,
        },
        event: {
          districtId: d,
          orderId: current.id,
          actorUserId: actor.userId,
          actorName: actor.displayName,
          actorRole: actor.role,
          type: 'imported',
          note: '12345 平台更新了诉求内容',
          data: { hotlineNo: p.no },
        },
      });
    } else {
      unchanged++;
    }
  }
  const updated = changes.length;
  await ctx.db.transaction(async (tx) => {
    const numbers = await reserveOrderNumbers(tx, d, new Date(), newRows.length || 1);
    for (let i = 0; i < newRows.length; i += BATCH) {
      const batch = newRows.slice(i, i + BATCH);
      await insertOrders(
        tx,
        batch.map((n, j) => ({ ...n.row, no: numbers[i + j]! })),
      );
      await insertEvents(
        tx,
        batch.map((n) => n.event),
      );
      await yieldToEventLoop();
    }
    for (let i = 0; i < changes.length; i += BATCH) {
      const batch = changes.slice(i, i + BATCH);
      const now = new Date();
      for (const c of batch) await updateOrder(tx, d, c.id, { ...c.set, updatedAt: now });
      await insertEvents(
        tx,
        batch.map((c) => c.event),
      );
      await yieldToEventLoop();
    }
    if (created + updated > 0)
      await writeAudit(
        tx,
        actor,
        { action: 'work_order.import_12345', entityType: 'work_order', detail: { created, updated, unchanged } },
        ip,
      );
  });
  if (created + updated > 0) await analyzeTables(ctx.db, ['work_orders', 'work_order_events']); // a bulk load: fresh statistics
  return { created, updated, unchanged, errors: [] };
}

export function hotlineTemplate(): Promise<Buffer> {
  const sample = [
    'SX12345-20261120-0001',
    '2026-11-20 09:30',
    '装修',
    '楼板被拆除存在安全隐患',
    '邻居装修时拆除了地下室和一层之间的楼板',
    '140213066003',
    '星港城',
    '王女士',
    '13900001111',
  ];
  return buildWorkbook([
    tableSheet<Record<string, string>>({
      name: '12345工单',
      columns: HOTLINE_COLUMNS.map((h) => ({ header: h, key: h, width: 20 })),
      rows: [Object.fromEntries(HOTLINE_COLUMNS.map((h, i) => [h, sample[i]!]))],
    }),
  ]);
}
