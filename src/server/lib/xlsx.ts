import type { FastifyReply } from 'fastify';
import ExcelJS from 'exceljs';
import { XLSX_MIME } from './uploads.js';

export { readXlsxRows, type SheetRow, type XlsxLimits } from './xlsx-reader.js';

/** A column of a table sheet: its header, the row field it shows, its width in characters. */
export interface SheetColumn<R> {
  header: string;
  key: keyof R & string;
  width?: number;
}

/** A sheet of one table: bold header row, one row per record. */
export interface TableSheet<R> {
  kind?: 'table';
  name: string;
  columns: SheetColumn<R>[];
  rows: Iterable<R>;
}

/** A sheet of free rows (a summary: label/value pairs, small tables under headings). */
export interface RowsSheet {
  kind: 'rows';
  name: string;
  rows: unknown[][];
}

export type Sheet = TableSheet<Record<string, unknown>> | RowsSheet;

/** Builds a workbook in memory from sheets; exports here are bounded (a page or a month), never a whole table. */
export async function buildWorkbook(sheets: Sheet[], creator = 'Linli 邻里'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = creator;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    if (s.kind === 'rows') {
      ws.addRows(s.rows);
      continue;
    }
    ws.columns = s.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14 }));
    for (const r of s.rows) ws.addRow(r);
    ws.getRow(1).font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A typed table sheet (the columns' keys are checked against the row type). */
export const tableSheet = <R extends object>(s: TableSheet<R>): Sheet => s as unknown as Sheet;

/**
 * Replies with an .xlsx download. `fileName` may be Chinese: it goes as RFC 6266 `filename*`; old clients
 * get `asciiName` (by default the name itself when it is ASCII, else `download.xlsx`).
 */
export function replyXlsx(reply: FastifyReply, fileName: string, data: Buffer, asciiName?: string): FastifyReply {
  const isAscii = /^[\x20-\x7e]+$/.test(fileName);
  const ascii = (asciiName ?? (isAscii ? fileName : 'download.xlsx')).replace(/["\\]/g, '_');
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(data);
}

/** A cell as plain text: rich text joined, formulas as their result, dates as YYYY-MM-DD, trimmed. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('result' in value) return String(value.result ?? '').trim();
    if ('text' in value) return String(value.text).trim();
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value).trim();
}
