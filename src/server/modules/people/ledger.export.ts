import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.js';
import { prefixPattern } from '../../lib/like.js';
import { yieldToEventLoop } from '../../lib/uploads.js';
import { can, type Actor } from '../access/access.policy.js';
import { scopeWhere } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { requireUnit } from '../org/org.service.js';
import * as repo from './repository/ledger.repository.js';
import { PERSON_COLUMNS } from './people.repository.js';
import { LEDGER_COLUMNS, RELATION_WORDS, TAG_LABELS } from './ledger.rows.js';
import type { PersonTag } from '../../../shared/people.constants.js';

/**
 * The real-population ledger as .xlsx, in the columns the import reads, for the caller's scope (or a unit in
 * it). Masked as the caller's rights say: the full ID number and phone only for a caller who may reveal
 * identities (so an export can be corrected and imported again), masked otherwise; children with a
 * minor-protection file and their guardians are never in it. Written as a stream, page by page on the
 * people primary key, so no query runs long and memory stays flat; every export is audited with its size.
 */
const PAGE = 5000;
export const LEDGER_EXPORT_MAX_ROWS = 1_500_000;

export async function exportLedger(
  ctx: AppContext,
  actor: Actor,
  o: { orgUnitId?: string },
  ip?: string,
): Promise<PassThrough> {
  const underPath = o.orgUnitId ? prefixPattern((await requireUnit(ctx, actor, o.orgUnitId)).path) : null;
  const full = can(actor, 'people.identity.reveal');
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('实有人口');
  ws.columns = LEDGER_COLUMNS.map((h) => ({ header: h, key: h, width: h === '身份证号' ? 22 : 12 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const scope = scopeWhere(actor, 'person', PERSON_COLUMNS);
  void (async () => {
    let after = '';
    let rows = 0;
    try {
      for (;;) {
        const page = await repo.ledgerExportPage(ctx.db, {
          districtId: actor.districtId,
          scope,
          underPath,
          after,
          limit: PAGE,
        });
        for (const p of page) {
          ws.addRow({
            社区编码: p.community_id ?? '',
            小区名称: p.compound_name ?? '',
            楼栋名称: p.building_name ?? '',
            单元: p.unit ?? '',
            房号: p.room ?? '',
            姓名: p.name,
            身份证号: full ? ctx.crypto.decrypt(p.id_cipher) : p.id_masked,
            与户主关系: RELATION_WORDS[p.relation] ?? p.relation,
            联系电话: full && p.phone_cipher ? ctx.crypto.decrypt(p.phone_cipher) : (p.phone_masked ?? ''),
            标签: p.tags
              .map((t) => TAG_LABELS[t as PersonTag])
              .filter(Boolean)
              .join('、'),
          }).commit();
        }
        rows += page.length;
        if (page.length < PAGE || rows >= LEDGER_EXPORT_MAX_ROWS) break;
        after = page[page.length - 1]!.id;
        await yieldToEventLoop();
      }
      ws.commit();
      await wb.commit();
      await writeAudit(
        ctx.db,
        actor,
        {
          action: 'people.export',
          entityType: 'ledger',
          entityId: o.orgUnitId ?? actor.orgUnitId,
          detail: { rows, identities: full },
        },
        ip,
      );
    } catch (err) {
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return out;
}
