import type { Attachment } from '../../../shared/attachments.schema.js';
import { linkAttachments } from '../attachments/attachments.service.js';
import { createHash, randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import { requireState } from '../../lib/errors.js';
import { maskPhone } from '../../lib/field-crypto.js';
import { decodeDataUrl } from '../../lib/uploads.js';
import { addWorkingDays } from '../../lib/working-days.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { reportsOwnOrders } from '../access/work-orders.access.js';
import type { CreateOrderInput, OrderCan, OrderDetail } from '../../../shared/work-orders.schema.js';
import { E } from './work-orders.errors.js';
import { permissions } from './work-orders.permissions.js';
import { getOrder } from './orders.service.js';
import {
  findIdempotencyKey,
  insertCreatedRecords,
  insertOrder,
  insertPhoto,
  intakeFacts,
  possibleDuplicateSql,
} from './repository/create.repository.js';
import type { Order } from './repository/orders.repository.js';

/** 登记诉求: a resident, a grid worker, the hotline or a station registers a matter for a compound. */
const PHOTO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

function requestHash(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('base64url');
}

export async function createOrder(
  ctx: AppContext,
  actor: Actor,
  input: CreateOrderInput,
  {
    idempotencyKey,
    ip,
    alsoWrite,
  }: {
    idempotencyKey?: string;
    ip?: string;
    /** A caller's own rows about the new order (e.g. Open311's media_url), written in the same transaction. */
    alsoWrite?: (tx: Queryable, orderId: string) => Promise<void>;
  } = {},
): Promise<{ order: OrderDetail; can: OrderCan; replayed: boolean }> {
  const d = actor.districtId;
  requireState(
    idempotencyKey === undefined || /^[A-Za-z0-9_-]{8,100}$/.test(idempotencyKey),
    E.IDEMPOTENCY_KEY_INVALID,
  );
  const hash = requestHash(input);
  const replay = async (): Promise<string | null> => {
    if (!idempotencyKey) return null;
    const k = await findIdempotencyKey(ctx.db, d, actor.userId, idempotencyKey);
    if (!k) return null;
    requireState(k.requestHash === hash, E.IDEMPOTENCY_KEY_REUSED);
    return k.resourceId;
  };
  requireState(input.channel !== 'hotline_12345' || !!input.hotlineNo, E.HOTLINE_NO_REQUIRED);
  // The bytes of each photo must be the image type it claims (lib/uploads.ts), before anything is written.
  const photos = await Promise.all(input.photos.map((p) => decodeDataUrl(p, PHOTO_TYPES)));

  const now = new Date();
  const compound = await intakeFacts(ctx.db, d, input, now);
  if (!compound.id || compound.kind !== 'compound') throw E.COMPOUND_NOT_FOUND();
  requireAccess(actor, 'orgUnit', { orgPath: compound.path! }, 'read', { what: '该小区' });
  if (!compound.category_id) throw E.CATEGORY_NOT_FOUND();
  requireState(!input.buildingId || compound.building_compound_id === compound.id, E.BUILDING_NOT_IN_COMPOUND);
  const category = { id: compound.category_id, name: compound.category_name!, acceptDays: compound.accept_days! };
  const orgPath = compound.path!;
  const compoundId = compound.id;

  const id = randomUUID();
  const { no } = compound;
  const stageDueAt = addWorkingDays(now, category.acceptDays);
  let possibleDuplicateOf: string | null = null;
  const photoIds: string[] = [];
  let createdEventId = 0;
  let requestFiles: Attachment[] = [];
  try {
    await ctx.db.transaction(async (tx) => {
      possibleDuplicateOf = await insertOrder(tx, {
        districtId: d,
        id,
        no,
        hotlineNo: input.hotlineNo ?? null,
        channel: input.channel,
        categoryId: category.id,
        title: input.title,
        description: input.description,
        compoundId,
        buildingId: input.buildingId ?? null,
        orgPath,
        address: compound.address,
        reporterName: input.reporterName ?? null,
        reporterPhoneCipher: input.reporterPhone ? ctx.crypto.encrypt(input.reporterPhone) : null,
        reporterPhoneMasked: input.reporterPhone ? maskPhone(input.reporterPhone) : null,
        reporterUserId: reportsOwnOrders(actor) ? actor.userId : null,
        status: 'new',
        stageDueAt,
        dueAt: stageDueAt,
        createdBy: actor.userId,
        createdAt: now,
        possibleDuplicateOf: possibleDuplicateSql(d, {
          categoryId: category.id,
          compoundId,
          buildingId: input.buildingId,
        }),
      });
      for (const photo of photos) {
        const photoId = randomUUID();
        photoIds.push(photoId);
        await insertPhoto(tx, {
          districtId: d,
          id: photoId,
          orderId: id,
          mime: photo.mime,
          dataBase64: photo.data.toString('base64'),
        });
      }
      requestFiles = await linkAttachments(tx, actor, {
        ids: input.attachmentIds ?? [],
        purposes: ['request'],
        kind: 'work_order',
        recordId: id,
        ip,
      });
      createdEventId = await insertCreatedRecords(tx, {
        actor,
        orderId: id,
        idempotency: idempotencyKey ? { key: idempotencyKey, hash } : null,
        event: { note: input.title, data: { channel: input.channel, possibleDuplicateOf } },
        reminder: { orderId: id, no, compoundId, dueAt: stageDueAt.toISOString() },
        audit: {
          action: 'work_order.create',
          entityType: 'work_order',
          entityId: id,
          detail: { no, channel: input.channel, categoryId: category.id },
        },
        ip,
      });
      if (alsoWrite) await alsoWrite(tx, id);
    });
  } catch (err) {
    const code = (err as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
    if (code !== '23505') throw err;
    const again = await replay(); // the key was used before (a retry, or a concurrent request that won the race)
    if (again) return { ...(await getOrder(ctx, actor, again)), replayed: true };
    throw err;
  }
  // The new order is known in full: answer without reading it back.
  const order: OrderDetail = {
    id,
    no,
    hotlineNo: input.hotlineNo ?? null,
    channel: input.channel,
    categoryName: category.name,
    title: input.title,
    compoundName: compound.name!,
    communityName: compound.community_name!,
    status: 'new',
    escalationLevel: 0,
    dueAt: stageDueAt.toISOString(),
    isOverdue: false,
    createdAt: now.toISOString(),
    rating: null,
    possibleDuplicateOf,
    version: 1,
    toSign: [],
    description: input.description,
    address: compound.address,
    reporterName: input.reporterName ?? null,
    reporterPhoneMasked: input.reporterPhone ? maskPhone(input.reporterPhone) : null,
    photos: photoIds.map((p) => `/api/work-orders/${id}/photos/${p}`),
    attachments: requestFiles,
    legs: [],
    events: [
      {
        id: createdEventId,
        at: now.toISOString(),
        actorName: actor.displayName,
        actorRole: actor.role,
        type: 'created',
        note: input.title,
        data: { channel: input.channel, possibleDuplicateOf },
      },
    ],
    supervised: false,
    closedAt: null,
    ratingComment: null,
    mergedInto: null,
  };
  const stub = {
    status: 'new',
    possibleDuplicateOf,
    orgPath,
    reporterUserId: reportsOwnOrders(actor) ? actor.userId : null,
    escalationLevel: 0,
    mergedInto: null,
    closedAt: null,
  } as Order;
  return { order, can: permissions(actor, stub, [], false), replayed: false };
}
