import { Transform, type Readable, type TransformCallback } from 'node:stream';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { AppError } from './errors.js';
import { xlsxErrors as E, xlsxNoSheetErrors, xlsxStringsErrors } from './uploads.errors.js';

/**
 * Bounded streaming read of an .xlsx upload. The zip is opened from its central directory (yauzl),
 * and only the entries a sheet needs are inflated, one at a time, through a byte counter that stops
 * the inflation the moment an entry or the whole file passes its cap — declared sizes are checked
 * first (cheap refusal), but a zip that lies about them is stopped while inflating, not after. The
 * XML is parsed by exceljs' streaming WorkbookReader, fed entry by entry, so a row cap stops the read
 * at the first row over the cap instead of after the whole workbook is in memory.
 */
export interface XlsxLimits {
  /** Data rows (after the header row). */
  maxRows: number;
  /** Inflated bytes of the worksheet or shared-strings entry. */
  maxEntryBytes: number;
  /** Inflated bytes of every entry read, together. */
  maxTotalBytes: number;
}

export interface SheetRow {
  number: number;
  getCell(col: number): { value: ExcelJS.CellValue };
}

const MAX_ENTRIES = 2000;
/** rels, workbook.xml, styles.xml: small in any real workbook. */
const MAX_META_ENTRY_BYTES = 16 * 1024 * 1024;

const tooLarge = (limit: number) => E.IMPORT_TOO_LARGE_UNCOMPRESSED({ mb: Math.round(limit / 1048576) });
const tooManyRows = (maxRows: number) => E.IMPORT_TOO_MANY_ROWS({ maxRows });
const invalid = () => E.IMPORT_FILE_INVALID();

/** The parts of exceljs 4.4.0's streaming WorkbookReader that read one zip entry each (pinned exactly in package.json). */
interface EntryParsers {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(
    iterator: AsyncIterable<unknown>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: AsyncIterable<SheetRow> }>;
  model?: { sheets?: { rId: string }[] };
  sharedStrings?: unknown[];
  workbookRels?: { Id: string; Target: string }[];
}

class ByteBudget {
  total = 0;
  constructor(readonly maxTotal: number) {}
}

/** Counts inflated bytes and fails the stream as soon as the entry or the file is over its cap. */
class CappedCounter extends Transform {
  private bytes = 0;
  constructor(
    private readonly budget: ByteBudget,
    private readonly maxEntry: number,
    private readonly check?: () => AppError | null,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    this.budget.total += chunk.length;
    if (this.bytes > this.maxEntry) return cb(tooLarge(this.maxEntry));
    if (this.budget.total > this.budget.maxTotal) return cb(tooLarge(this.budget.maxTotal));
    const refused = this.check?.();
    if (refused) return cb(refused);
    cb(null, chunk);
  }
}

function openZip(file: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // validateEntrySizes off: the counter enforces the caps itself, with our codes.
    yauzl.fromBuffer(file, { lazyEntries: true, validateEntrySizes: false, decodeStrings: true }, (err, zip) =>
      err || !zip ? reject(invalid()) : resolve(zip),
    );
  });
}

function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (e: yauzl.Entry) => {
      entries.set(e.fileName, e);
      if (entries.size > MAX_ENTRIES) {
        zip.close();
        reject(invalid());
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', () => reject(invalid()));
    zip.readEntry();
  });
}

export async function* readXlsxRows(file: Buffer, limits: XlsxLimits): AsyncGenerator<SheetRow> {
  const zip = await openZip(file);
  const open: Readable[] = [];
  try {
    const entries = await listEntries(zip);
    let declared = 0;
    for (const e of entries.values()) {
      declared += e.uncompressedSize;
      if (e.uncompressedSize > limits.maxEntryBytes) throw tooLarge(limits.maxEntryBytes);
    }
    const budget = new ByteBudget(limits.maxTotalBytes);
    if (declared > limits.maxTotalBytes) throw tooLarge(limits.maxTotalBytes);
    const entry = async (name: string, maxEntry: number, check?: () => AppError | null): Promise<Readable | null> => {
      const e = entries.get(name);
      if (!e) return null;
      if (e.isEncrypted()) throw invalid();
      const raw = await new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(e, (err, s) => (err || !s ? reject(invalid()) : resolve(s))),
      );
      const counted = new CappedCounter(budget, maxEntry, check);
      raw.on('error', (err: Error) => counted.destroy(err instanceof AppError ? err : invalid()));
      open.push(raw, counted);
      // Decoded here, not by the XML parser: exceljs hands each Buffer chunk to saxes, whose toString()
      // would cut a multi-byte character (every Chinese one is 3 bytes) that spans two chunks into U+FFFD.
      return raw.pipe(counted).setEncoding('utf8');
    };

    const reader = new ExcelJS.stream.xlsx.WorkbookReader(null as unknown as string, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    const parsers = reader as unknown as EntryParsers;
    const rels = await entry('xl/_rels/workbook.xml.rels', MAX_META_ENTRY_BYTES);
    const book = await entry('xl/workbook.xml', MAX_META_ENTRY_BYTES);
    if (!rels || !book) throw invalid();
    await parsers._parseRels(rels);
    await parsers._parseWorkbook(book);
    const styles = await entry('xl/styles.xml', MAX_META_ENTRY_BYTES);
    if (styles) await parsers._parseStyles(styles);
    // Tiny shared strings cost far more in memory than in XML: at most 12 per allowed row (checked per
    // inflated chunk, as the reader caches them).
    const maxStrings = (limits.maxRows + 1) * 12;
    const tooManyStrings = () =>
      (parsers.sharedStrings?.length ?? 0) > maxStrings
        ? xlsxStringsErrors.IMPORT_TOO_MANY_ROWS({ maxRows: limits.maxRows })
        : null;
    const strings = await entry('xl/sharedStrings.xml', limits.maxEntryBytes, tooManyStrings);
    if (strings)
      for await (const _ of parsers._parseSharedStrings(strings)) {
        /* cached on the reader */
      }
    const refused = tooManyStrings();
    if (refused) throw refused;

    // The first sheet in workbook order, as ExcelJS.Workbook#worksheets[0] would give.
    const firstRid = parsers.model?.sheets?.[0]?.rId;
    const target = parsers.workbookRels?.find((r) => r.Id === firstRid)?.Target.replace(/^\/?(xl\/)?/, '');
    const sheetNo = target && /^worksheets\/sheet(\d+)\.xml$/.exec(target)?.[1];
    if (!sheetNo) throw xlsxNoSheetErrors.IMPORT_FILE_INVALID();
    const sheet = await entry(`xl/worksheets/sheet${sheetNo}.xml`, limits.maxEntryBytes);
    if (!sheet) throw xlsxNoSheetErrors.IMPORT_FILE_INVALID();
    let rows = 0;
    for (const { eventType, value } of parsers._parseWorksheet(sheet, sheetNo)) {
      if (eventType !== 'worksheet') continue;
      for await (const row of value) {
        if (++rows > limits.maxRows + 1) throw tooManyRows(limits.maxRows);
        yield row;
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalid();
  } finally {
    for (const s of open) s.destroy();
    zip.close();
  }
}
