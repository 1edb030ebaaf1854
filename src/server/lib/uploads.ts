import { setImmediate as nextTick } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { noFileErrors, uploadErrors as E } from './uploads.errors.js';

/**
 * Every upload and every stored file served back goes through here: the content is sniffed
 * (file-type) and must match both the declared type and the route's allowed list; names lose path
 * separators, control and bidi characters; files go out as attachments with nosniff, except the
 * known image types, which go out inline with the type their bytes say they are.
 */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Served inline (as <img>); anything else is a download. SVG is not here: it can carry script. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** OOXML files are zips; file-type names them only when it finds the part it looks for, else "zip". */
const ZIP_CONTAINERS = new Set([XLSX_MIME, DOCX_MIME]);
const EXT_OF: Record<string, string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  [DOCX_MIME]: ['docx'],
  [XLSX_MIME]: ['xlsx'],
  'application/octet-stream': ['bin'],
};
const MAX_NAME_LENGTH = 100;

const typeMismatch = (declared: string, actual: string | undefined) =>
  E.UPLOAD_TYPE_MISMATCH({ declared, actual: actual ?? '无法识别的格式', actualEn: actual ?? 'unrecognised format' });
const typeNotAllowed = (declared: string, allowed: readonly string[]) => {
  const names = allowed.map((m) => EXT_OF[m]?.[0]?.toUpperCase() ?? m);
  return E.UPLOAD_TYPE_NOT_ALLOWED({ declared, allowed: names.join('、'), allowedEn: names.join(', ') });
};

/**
 * The type the bytes say they are, or undefined (text, HTML and other unrecognised content). Only the
 * first 256 KB are looked at: on a large zip, file-type would otherwise walk every entry (1.1 s on a
 * 50 MB .xlsx, blocking the event loop); a cut-off OOXML file is still named at least "zip".
 */
export async function sniffMime(data: Buffer): Promise<string | undefined> {
  return (await fileTypeFromBuffer(data.subarray(0, SNIFF_BYTES)))?.mime;
}
const SNIFF_BYTES = 256 * 1024;

/**
 * Refuses content whose declared type is not allowed here, or whose bytes are not that type.
 * Returns the type to store (the declared one, now proven).
 */
export async function assertContentType(data: Buffer, declared: string, allowed: readonly string[]): Promise<string> {
  const mime = declared.toLowerCase().split(';')[0]!.trim();
  if (!allowed.includes(mime)) throw typeNotAllowed(mime, allowed);
  const actual = await sniffMime(data);
  if (actual === mime || (actual === 'application/zip' && ZIP_CONTAINERS.has(mime))) return mime;
  throw typeMismatch(mime, actual);
}

/** `data:<mime>;base64,<data>` as sent by the web forms. */
export async function decodeDataUrl(
  dataUrl: string,
  allowed: readonly string[],
): Promise<{ mime: string; data: Buffer }> {
  const m = /^data:([a-zA-Z]+\/[a-zA-Z0-9.+-]+);base64,([A-Za-z0-9+/=]*)$/.exec(dataUrl);
  if (!m) throw E.UPLOAD_INVALID();
  const data = Buffer.from(m[2]!, 'base64');
  if (data.length === 0) throw E.UPLOAD_EMPTY();
  return { mime: await assertContentType(data, m[1]!, allowed), data };
}

/**
 * A file name safe to store and to send back: the last path segment only, no control, bidi-override
 * or reserved characters, no leading dots, at most 100 characters (the extension kept), and an
 * extension that matches the proven type. Chinese and other letters are kept.
 */
export function sanitizeFileName(name: string, mime?: string): string {
  let base = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  base = base
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const exts = mime ? EXT_OF[mime] : undefined;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  if (exts && !exts.includes(ext)) base = `${base || '附件'}.${exts[0]}`;
  if (!base) base = '附件';
  const chars = [...base];
  if (chars.length > MAX_NAME_LENGTH) {
    const tail = [...base.slice(base.lastIndexOf('.'))];
    base = chars.slice(0, MAX_NAME_LENGTH - tail.length).join('') + tail.join('');
  }
  return base;
}

/** RFC 6266 / RFC 5987: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const safe = sanitizeFileName(name);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends a stored file. The bytes are sniffed again (rows stored before sniffing existed, or by any
 * other path, are not trusted): a known image is served inline with its sniffed type; anything else
 * is a download, typed as stored only if the bytes agree, else as octet-stream.
 */
export async function sendStoredFile(
  reply: FastifyReply,
  file: { data: Buffer; mime: string; name?: string },
): Promise<FastifyReply> {
  const actual = await sniffMime(file.data);
  const inline = actual !== undefined && INLINE_IMAGES.has(actual);
  const type = inline
    ? actual
    : actual === file.mime || (actual === 'application/zip' && ZIP_CONTAINERS.has(file.mime))
      ? file.mime
      : 'application/octet-stream';
  return reply
    .header('content-type', type)
    .header(
      'content-disposition',
      contentDisposition(inline ? 'inline' : 'attachment', sanitizeFileName(file.name ?? 'file', type)),
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cross-origin-resource-policy', 'same-origin')
    .send(file.data);
}

/**
 * The uploaded file of a multipart request, in memory (at most `maxBytes`), checked to be an .xlsx
 * by its bytes. Imports need random access to the zip's central directory, so the file is buffered;
 * it is never inflated here.
 */
export async function readXlsxUpload(req: FastifyRequest, maxBytes: number): Promise<Buffer> {
  return (await readNamedXlsxUpload(req, maxBytes)).data;
}

/** The same, with the file's name as the browser sent it. */
export async function readNamedXlsxUpload(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ data: Buffer; fileName: string }> {
  if (!req.isMultipart()) throw E.IMPORT_FILE_MISSING();
  const file = await req.file({ limits: { fileSize: maxBytes } });
  if (!file) throw noFileErrors.IMPORT_FILE_MISSING();
  const declared = file.mimetype.toLowerCase();
  const data = await file.toBuffer();
  // Browsers send the .xlsx type, or octet-stream / zip when the system does not know it.
  if (![XLSX_MIME, 'application/octet-stream', 'application/zip', 'application/x-zip-compressed'].includes(declared)) {
    throw typeNotAllowed(declared, [XLSX_MIME]);
  }
  const actual = await sniffMime(data);
  if (actual === 'application/x-cfb') throw E.IMPORT_FILE_INVALID();
  if (actual !== XLSX_MIME && actual !== 'application/zip') throw typeMismatch(XLSX_MIME, actual);
  return { data, fileName: file.filename || 'upload.xlsx' };
}

/**
 * One import at a time per district (in this process): a second one is refused with 429 while the
 * first runs, and the slot is released however the first ends. Imports are all-or-nothing in one
 * transaction; on the embedded database that transaction holds the only connection, so two at once
 * would only queue behind each other while holding their files in memory.
 */
const busyDistricts = new Set<string>();

export async function withImportSlot<T>(districtId: string, run: () => Promise<T>): Promise<T> {
  if (busyDistricts.has(districtId)) {
    throw E.IMPORT_BUSY();
  }
  busyDistricts.add(districtId);
  try {
    return await run();
  } finally {
    busyDistricts.delete(districtId);
  }
}

/** Lets the event loop run (HTTP requests, timers) between batches of a long job. */
export function yieldToEventLoop(): Promise<void> {
  return nextTick();
}
