import type { AppContext } from '../../context.js';
import { maskPhone } from '../../lib/field-crypto.js';
import { iso } from '../../lib/time.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import { NOTIFICATION_GROUPS, PERSONAL_CHANNELS } from '../../../shared/notifications.constants.js';
import type { DeadJob, NotificationItem, NotificationList, Preferences } from '../../../shared/notifications.schema.js';
import { countJobs, deleteDeadJob, listDeadJobs, requeueDeadJob } from '../jobs/jobs.repository.js';
import { DELIVER } from './delivery.service.js';
import { render, type Lang, type Params } from './messages.js';
import { E } from './notifications.errors.js';
import {
  deliveriesByIds,
  findNotification,
  findSettings,
  latestNotificationId,
  listNotifications,
  markRead,
  unreadCount,
  updateDelivery,
  upsertSettings,
  type NotificationRow,
} from './notifications.repository.js';

/**
 * The person's own notifications: every query is keyed by the caller's own user id, so nobody reads or
 * marks another's (an id that is not theirs answers 404, as if it did not exist).
 */
export function toItem(n: NotificationRow, lang: Lang): NotificationItem {
  const text = render(n.topic, n.params as Params, lang);
  return {
    id: Number(n.id),
    topic: n.topic,
    title: text.title,
    body: text.body,
    href: n.href,
    urgent: n.urgent,
    messageId: n.messageId,
    createdAt: iso(n.createdAt),
    readAt: iso(n.readAt),
  };
}

export async function list(
  ctx: AppContext,
  actor: Actor,
  q: { unread?: '1' | '0'; before?: number; limit: number },
  lang: Lang,
): Promise<NotificationList> {
  const rows = await listNotifications(ctx.db, {
    districtId: actor.districtId,
    userId: actor.userId,
    unreadOnly: q.unread === '1',
    before: q.before,
    limit: q.limit,
  });
  return { items: rows.map((r) => toItem(r, lang)), unread: await unreadCount(ctx.db, actor.districtId, actor.userId) };
}

export const unread = (ctx: AppContext, actor: Actor) => unreadCount(ctx.db, actor.districtId, actor.userId);

/** New notifications after `afterId` (the live stream's poll). */
export async function since(ctx: AppContext, actor: Actor, afterId: number, lang: Lang) {
  const rows = await listNotifications(ctx.db, {
    districtId: actor.districtId,
    userId: actor.userId,
    unreadOnly: false,
    afterId,
    limit: 50,
  });
  return rows.map((r) => toItem(r, lang));
}

export const latestId = (ctx: AppContext, actor: Actor) => latestNotificationId(ctx.db, actor.districtId, actor.userId);

export async function markOne(ctx: AppContext, actor: Actor, id: number) {
  const n = await findNotification(ctx.db, actor.districtId, id);
  if (!n || n.userId !== actor.userId) throw E.NOTIFICATION_NOT_FOUND();
  const marked = await markRead(ctx.db, { districtId: actor.districtId, userId: actor.userId, ids: [id] });
  return { marked, unread: await unread(ctx, actor) };
}

export async function markAll(ctx: AppContext, actor: Actor) {
  const marked = await markRead(ctx.db, { districtId: actor.districtId, userId: actor.userId });
  return { marked, unread: 0 };
}

// ───────────── preferences ─────────────

function configured(ctx: AppContext): Preferences['configured'] {
  const c = ctx.config.notify;
  return { email: !!c.smtp, sms: !!c.sms, webhooks: c.webhooks.length };
}

export async function preferences(ctx: AppContext, actor: Actor): Promise<Preferences> {
  const s = await findSettings(ctx.db, actor.districtId, actor.userId);
  return {
    email: s?.email ?? null,
    phoneMasked: s?.phoneMasked ?? null,
    emailDigest: s?.emailDigest ?? false,
    quietHours: s?.quietHours ?? true,
    off: s?.off ?? [],
    channels: [...PERSONAL_CHANNELS],
    groups: [...NOTIFICATION_GROUPS],
    configured: configured(ctx),
  };
}

export async function savePreferences(
  ctx: AppContext,
  actor: Actor,
  body: {
    email?: string | null;
    phone?: string | null;
    emailDigest?: boolean;
    quietHours?: boolean;
    off?: string[];
  },
  ip?: string,
): Promise<Preferences> {
  const s = await findSettings(ctx.db, actor.districtId, actor.userId);
  const phone =
    body.phone === undefined
      ? { phoneCipher: s?.phoneCipher ?? null, phoneMasked: s?.phoneMasked ?? null }
      : body.phone === null
        ? { phoneCipher: null, phoneMasked: null }
        : { phoneCipher: ctx.crypto.encrypt(body.phone), phoneMasked: maskPhone(body.phone) };
  await ctx.db.transaction(async (tx) => {
    await upsertSettings(tx, {
      districtId: actor.districtId,
      userId: actor.userId,
      email: body.email === undefined ? (s?.email ?? null) : body.email,
      ...phone,
      emailDigest: body.emailDigest ?? s?.emailDigest ?? false,
      quietHours: body.quietHours ?? s?.quietHours ?? true,
      off: body.off ? [...new Set(body.off)] : (s?.off ?? []),
      updatedAt: new Date(),
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'notification_settings.update',
        entityType: 'user',
        entityId: actor.userId,
        detail: { fields: Object.keys(body) },
      },
      ip,
    );
  });
  return preferences(ctx, actor);
}

// ───────────── dead letters (administrators) ─────────────

export async function deadJobs(
  ctx: AppContext,
  actor: Actor,
): Promise<{ items: DeadJob[]; queues: Awaited<ReturnType<typeof countJobs>> }> {
  const jobs = await listDeadJobs(ctx.db, actor.districtId, 200);
  const deliveryIds = jobs.filter((j) => j.queue === DELIVER).map((j) => Number(j.payload.deliveryId));
  const byId = new Map((await deliveriesByIds(ctx.db, actor.districtId, deliveryIds)).map((x) => [Number(x.id), x]));
  return {
    items: jobs.map((j) => {
      const x = j.queue === DELIVER ? byId.get(Number(j.payload.deliveryId)) : undefined;
      return {
        id: Number(j.id),
        queue: j.queue,
        attempts: j.attempts,
        lastError: j.lastError,
        createdAt: iso(j.createdAt),
        updatedAt: iso(j.updatedAt),
        channel: x?.channel ?? null,
        recipient: x?.recipient ?? null,
        topic: x?.topic ?? null,
      };
    }),
    queues: (await countJobs(ctx.db)).filter((q) => q.queue.startsWith('notify.')),
  };
}

export async function retryJob(ctx: AppContext, actor: Actor, id: number, ip?: string) {
  await ctx.db.transaction(async (tx) => {
    if (!(await requeueDeadJob(tx, actor.districtId, id))) throw E.JOB_NOT_FOUND();
    await writeAudit(tx, actor, { action: 'notification_job.retry', entityType: 'job', entityId: String(id) }, ip);
  });
  return { ok: true };
}

export async function discardJob(ctx: AppContext, actor: Actor, id: number, ip?: string) {
  await ctx.db.transaction(async (tx) => {
    const jobs = await listDeadJobs(tx, actor.districtId, 1000);
    const job = jobs.find((j) => Number(j.id) === id);
    if (!job || !(await deleteDeadJob(tx, actor.districtId, id))) throw E.JOB_NOT_FOUND();
    if (job.queue === DELIVER)
      await updateDelivery(tx, actor.districtId, [Number(job.payload.deliveryId)], { status: 'skipped' });
    await writeAudit(tx, actor, { action: 'notification_job.discard', entityType: 'job', entityId: String(id) }, ip);
  });
  return { ok: true };
}
