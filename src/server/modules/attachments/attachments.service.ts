import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import sharp from 'sharp';
import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/client.js';
import { assertContentType, sanitizeFileName, sniffMime } from '../../lib/uploads.js';
import { assertValidText } from '../../http/input-guard.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import {
  ATTACHMENT_IMAGE_MIMES,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MIMES,
  PURPOSE_LINK_KIND,
  type AttachmentLinkKind,
  type AttachmentPurpose,
} from '../../../shared/attachments.constants.js';
import type { Attachment } from '../../../shared/attachments.schema.js';
import { E } from './attachments.errors.js';
import {
  findAttachment,
  insertAttachment,
  linkedRecord,
  linkedTo,
  markLinked,
  unlinkedForUpdate,
  type AttachmentRow,
} from './attachments.repository.js';
import { storageOf } from './storage.js';

/**
 * 附件: upload (sniffed, hashed, stored, thumbnailed), serve back to those allowed, and link to the record a
 * step creates (兑单, 办结, a meeting, a case record) inside that step's own transaction.
 */
export const attachmentUrl = (id: string) => `/api/attachments/${id}`;
export function toAttachment(r: AttachmentRow): Attachment {
  return {
    id: r.id,
    name: r.name,
    mime: r.mime,
    size: r.size,
    url: attachmentUrl(r.id),
    thumbnailUrl: r.thumbnailKey ? `${attachmentUrl(r.id)}/thumbnail` : null,
  };
}

export interface UploadedFile {
  fileName: string;
  declaredMime: string;
  data: Buffer;
}

export const maxAttachmentBytes = (ctx: AppContext) => Math.min(ATTACHMENT_MAX_BYTES, ctx.config.maxUploadBytes);

/** The one file of a multipart request (field `file`), at most the attachment size limit. */
export async function readAttachmentUpload(ctx: AppContext, req: FastifyRequest): Promise<UploadedFile> {
  if (!req.isMultipart()) throw E.ATTACHMENT_FILE_MISSING();
  const max = maxAttachmentBytes(ctx);
  const tooLarge = () => E.ATTACHMENT_TOO_LARGE({ mb: Math.floor((max / 1024 / 1024) * 10) / 10 });
  let file;
  try {
    file = await req.file({ limits: { fileSize: max } });
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw e;
  }
  if (!file || file.fieldname !== 'file') throw E.ATTACHMENT_FILE_MISSING();
  let data: Buffer;
  try {
    data = await file.toBuffer();
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw e;
  }
  assertValidText(file.filename ?? '', 'file');
  return { fileName: file.filename ?? '', declaredMime: file.mimetype ?? 'application/octet-stream', data };
}

const THUMB_PX = 320;

async function thumbnailOf(data: Buffer): Promise<Buffer> {
  try {
    return await sharp(data, { animated: false, limitInputPixels: 60_000_000 })
      .rotate()
      .resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer();
  } catch {
    throw E.ATTACHMENT_IMAGE_INVALID();
  }
}

function storageKey(districtId: string, id: string, now: Date): string {
  const safeDistrict = districtId.replace(/[^A-Za-z0-9_-]/g, '_');
  return `${safeDistrict}/${now.toISOString().slice(0, 7)}/${id}`;
}

export async function uploadAttachment(
  ctx: AppContext,
  actor: Actor,
  input: { purpose: AttachmentPurpose; file: UploadedFile; ip?: string },
): Promise<Attachment> {
  const { data } = input.file;
  if (data.length === 0) throw E.ATTACHMENT_FILE_MISSING();
  // Browsers send octet-stream for files the system does not know: then the bytes alone decide.
  const declared = input.file.declaredMime.toLowerCase().split(';')[0]!.trim();
  const mime =
    declared === 'application/octet-stream' || declared === ''
      ? await assertContentType(data, (await sniffMime(data)) ?? declared, ATTACHMENT_MIMES)
      : await assertContentType(data, declared, ATTACHMENT_MIMES);
  const isImage = ATTACHMENT_IMAGE_MIMES.includes(mime);
  const thumb = isImage ? await thumbnailOf(data) : null;
  const now = new Date();
  const id = randomUUID();
  const key = storageKey(actor.districtId, id, now);
  const storage = storageOf(ctx);
  await storage.put(key, data, mime);
  if (thumb) await storage.put(`${key}.thumb`, thumb, 'image/jpeg');
  const row: AttachmentRow = {
    districtId: actor.districtId,
    id,
    purpose: input.purpose,
    ownerUserId: actor.userId,
    name: sanitizeFileName(input.file.fileName || (isImage ? '照片' : '附件'), mime),
    mime,
    size: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    storageKey: key,
    thumbnailKey: thumb ? `${key}.thumb` : null,
    linkedKind: null,
    linkedId: null,
    linkedPart: null,
    createdAt: now,
    linkedAt: null,
  };
  try {
    await insertAttachment(ctx.db, row);
  } catch (e) {
    await storage.delete(key).catch(() => undefined);
    if (thumb) await storage.delete(`${key}.thumb`).catch(() => undefined);
    throw e;
  }
  return toAttachment(row);
}

/** The bytes of a file (or its thumbnail) for a caller allowed to read it; anyone else gets 404. */
export async function readAttachment(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; thumbnail: boolean; ip?: string },
): Promise<{ data: Buffer; mime: string; name: string }> {
  const row = await findAttachment(ctx.db, actor.districtId, input.id);
  if (!row) throw E.ATTACHMENT_NOT_FOUND();
  const link =
    row.linkedKind && row.linkedId ? await linkedRecord(ctx.db, actor.districtId, row.linkedKind, row.linkedId) : null;
  requireAccess(actor, 'attachment', { ownerUserId: row.ownerUserId, link });
  const key = input.thumbnail ? row.thumbnailKey : row.storageKey;
  if (!key) throw E.ATTACHMENT_NOT_FOUND();
  const data = await storageOf(ctx).get(key);
  if (!data) throw E.ATTACHMENT_NOT_FOUND();
  // a child's case material is read on a need-to-know basis: every read of the original leaves a trace
  if (row.linkedKind === 'minor_case' && !input.thumbnail && row.ownerUserId !== actor.userId) {
    await writeAudit(
      ctx.db,
      actor,
      { action: 'attachment.read', entityType: 'minor_case', entityId: row.linkedId, detail: { attachmentId: row.id } },
      input.ip,
    );
  }
  return { data, mime: input.thumbnail ? 'image/jpeg' : row.mime, name: row.name };
}

export interface LinkInput {
  ids: readonly string[];
  /** The purposes a file may have been uploaded for, to be used in this step. */
  purposes: readonly AttachmentPurpose[];
  kind: AttachmentLinkKind;
  recordId: string;
  /** The step inside the record (a leg id, a visit id …). */
  part?: string | null;
  ip?: string;
}

/**
 * Links the caller's own, not yet used files to a record, inside the step's transaction (with its audit
 * row). Any id that is not the caller's, has another purpose or is already used refuses the whole step.
 */
export async function linkAttachments(tx: Tx, actor: Actor, input: LinkInput): Promise<Attachment[]> {
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) return [];
  for (const p of input.purposes)
    if (PURPOSE_LINK_KIND[p] !== input.kind) throw new Error(`purpose ${p} ≠ ${input.kind}`);
  const rows = await unlinkedForUpdate(tx, actor.districtId, ids);
  for (const id of ids) {
    const r = rows.find((x) => x.id === id);
    if (!r || r.ownerUserId !== actor.userId || !input.purposes.includes(r.purpose))
      throw E.ATTACHMENT_UNUSABLE({ name: r?.name ?? id });
  }
  await markLinked(tx, actor.districtId, ids, { kind: input.kind, id: input.recordId, part: input.part ?? null });
  await writeAudit(
    tx,
    actor,
    {
      action: 'attachment.link',
      entityType: input.kind,
      entityId: input.recordId,
      detail: {
        attachmentIds: ids,
        part: input.part ?? null,
        sha256: ids.map((id) => rows.find((r) => r.id === id)!.sha256),
      },
    },
    input.ip,
  );
  return ids.map((id) => toAttachment(rows.find((r) => r.id === id)!));
}

/** The files of some records, grouped by record id and part (for detail pages and timelines). */
export async function attachmentsOf(
  q: Queryable,
  districtId: string,
  kind: AttachmentLinkKind,
  recordIds: string[],
): Promise<(Attachment & { recordId: string; part: string | null })[]> {
  const rows = await linkedTo(q, districtId, kind, recordIds);
  return rows.map((r) => ({ ...toAttachment(r), recordId: r.linkedId!, part: r.linkedPart }));
}
