import { createHash } from 'node:crypto';
import { publicBaseUrl } from '../../config.js';
import type { AppContext } from '../../context.js';
import { enqueue, type JobRow } from '../../lib/jobs.js';
import { shanghaiDate } from '../../lib/time.js';
import type { NotificationChannel } from '../../../shared/notifications.constants.js';
import { emailText, httpSmsProvider, sendEmail, sendWebhook, smsText, type Outbound } from './channels.js';
import { groupOf, hrefOf, isUrgent, paramsOf, render, type Params } from './messages.js';
import {
  countAttempt,
  deliveriesByIds,
  findDelivery,
  findOutbox,
  heldEmails,
  insertDeliveries,
  insertNotifications,
  settingsOf,
  updateDelivery,
  type DeliveryRow,
  type NewDelivery,
  type SettingsRow,
} from './notifications.repository.js';
import { resolveRecipients, webhooksFor } from './recipients.service.js';

/**
 * Fan-out and delivery, the two job kinds of the notification queue. Fan-out turns one outbox reminder
 * into one delivery per recipient and channel (the unique key makes a second run add nothing) and
 * writes the in-app rows in the same transaction; every outside delivery is its own job, retried with
 * back-off and dead-lettered, and is sent again only while not recorded as sent.
 */
export const FANOUT = 'notify.fanout';
export const DELIVER = 'notify.deliver';
export const DIGEST = 'notify.digest';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Stable across retries and re-runs: what a receiver de-duplicates on. */
export function messageIdOf(districtId: string, outboxId: number, recipient: string, channel: string): string {
  const h = createHash('sha256').update(`${districtId}|${outboxId}|${recipient}|${channel}`).digest('hex');
  return `lnl-${h.slice(0, 32)}`;
}

function isOff(s: SettingsRow | undefined, channel: string, topic: string): boolean {
  if (!s) return false;
  return s.off.includes(`${channel}:${groupOf(topic)}`) || s.off.includes(`${channel}:${topic}`);
}

const HOUR = 3_600_000;
/** Quiet hours 22:00–07:00 Asia/Shanghai (UTC+8, no DST): the next 07:00 if `now` falls inside, else null. */
export function quietUntil(now: Date): Date | null {
  const local = new Date(now.getTime() + 8 * HOUR);
  const h = local.getUTCHours();
  if (h >= 7 && h < 22) return null;
  const seven = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 7) - 8 * HOUR);
  return h >= 22 ? new Date(seven.getTime() + 24 * HOUR) : seven;
}

export async function fanOut(ctx: AppContext, job: JobRow, now = new Date()): Promise<number> {
  const d = job.districtId;
  const row = await findOutbox(ctx.db, d, Number(job.payload.outboxId));
  if (!row) return 0;
  const who = await resolveRecipients(ctx.db, row);
  const cfg = ctx.config.notify;
  const settings = new Map((await settingsOf(ctx.db, d, who.userIds)).map((s) => [s.userId, s]));
  const params = paramsOf(row.topic, row.payload, who.extra);
  const href = hrefOf(row.topic, row.payload);
  const urgent = isUrgent(row.topic);
  const list: NewDelivery[] = [];
  const add = (
    recipient: string,
    channel: NotificationChannel,
    userId: string | null,
    extra: Partial<NewDelivery> = {},
  ) =>
    list.push({
      districtId: d,
      outboxId: row.id,
      recipient,
      channel,
      userId,
      topic: row.topic,
      messageId: messageIdOf(d, row.id, recipient, channel),
      params,
      href,
      eventAt: row.createdAt,
      ...extra,
    });
  for (const userId of who.userIds) {
    const s = settings.get(userId);
    const r = `user:${userId}`;
    if (!isOff(s, 'in_app', row.topic)) add(r, 'in_app', userId, { status: 'sent', sentAt: now, attempts: 1 });
    if (cfg.smtp && s?.email && !isOff(s, 'email', row.topic))
      add(r, 'email', userId, s.emailDigest && !urgent ? { status: 'held' } : {});
    if (cfg.sms && s?.phoneCipher && !isOff(s, 'sms', row.topic))
      add(r, 'sms', userId, { notBefore: urgent || !s.quietHours ? null : quietUntil(now) });
  }
  for (const w of webhooksFor(cfg.webhooks, row.topic, who.path)) add(`webhook:${w.name}`, 'webhook', null);

  return ctx.db.transaction(async (tx) => {
    const fresh = await insertDeliveries(tx, list);
    await insertNotifications(
      tx,
      fresh
        .filter((x) => x.channel === 'in_app')
        .map((x) => ({
          districtId: d,
          userId: x.userId!,
          topic: x.topic,
          params: x.params,
          href: x.href,
          urgent,
          messageId: x.messageId,
          createdAt: now,
        })),
    );
    await enqueue(
      tx,
      fresh
        .filter((x) => x.status === 'pending')
        .map((x) => ({
          districtId: d,
          queue: DELIVER,
          payload: { deliveryId: x.id },
          singletonKey: String(x.id),
          runAt: x.notBefore ?? now,
        })),
    );
    return fresh.length;
  });
}

function outbound(ctx: AppContext, x: Pick<DeliveryRow, 'topic' | 'params' | 'href' | 'messageId'>): Outbound {
  const zh = render(x.topic, x.params as Params, 'zh');
  return {
    messageId: x.messageId,
    title: zh.title,
    body: zh.body,
    link: x.href ? `${publicBaseUrl(ctx.config)}${x.href}` : null,
  };
}

async function send(ctx: AppContext, x: DeliveryRow): Promise<void> {
  const cfg = ctx.config.notify;
  const m = outbound(ctx, x);
  if (x.channel === 'webhook') {
    const w = cfg.webhooks.find((h) => `webhook:${h.name}` === x.recipient);
    if (!w) throw new Error(`webhook ${x.recipient} is no longer configured`);
    return sendWebhook(w, m);
  }
  const [s] = await settingsOf(ctx.db, x.districtId, [x.userId!]);
  if (x.channel === 'email') {
    if (!cfg.smtp || !s?.email) throw new Error('no SMTP server or no e-mail address');
    const en = render(x.topic, x.params as Params, 'en');
    return sendEmail(cfg.smtp, s.email, {
      messageId: m.messageId,
      subject: `【邻里】${m.title}`,
      text: `${emailText(m)}\n\n${en.title}: ${en.body}`,
    });
  }
  if (x.channel === 'sms') {
    if (!cfg.sms || !s?.phoneCipher) throw new Error('no SMS provider or no mobile number');
    return httpSmsProvider(cfg.sms).send(ctx.crypto.decrypt(s.phoneCipher), smsText(m), m.messageId);
  }
}

export async function deliver(ctx: AppContext, job: JobRow): Promise<void> {
  const x = await findDelivery(ctx.db, job.districtId, Number(job.payload.deliveryId));
  if (!x || x.status === 'sent' || x.status === 'skipped' || x.status === 'held') return;
  await countAttempt(ctx.db, x.districtId, x.id);
  try {
    await send(ctx, x);
  } catch (err) {
    const last = job.attempts >= job.maxAttempts;
    await updateDelivery(ctx.db, x.districtId, [x.id], {
      lastError: (err instanceof Error ? err.message : String(err)).slice(0, 500),
      ...(last ? { status: 'failed' } : {}),
    });
    throw err;
  }
  await updateDelivery(ctx.db, x.districtId, [x.id], { status: 'sent', sentAt: new Date(), lastError: null });
}

/** 08:00 Asia/Shanghai of the given instant's day. */
function digestCutoff(now: Date): Date {
  const day = shanghaiDate(now);
  return new Date(`${day}T08:00:00+08:00`);
}

/** Should the daily digest run now? (after 08:00 Shanghai) */
export function digestDue(now: Date): string | null {
  return now >= digestCutoff(now) ? shanghaiDate(now) : null;
}

/**
 * The daily digest: every e-mail held for a person before today's 08:00 goes in one message whose id is
 * derived from the deliveries it carries (a repeat after a crash has the same id).
 */
export async function sendDigests(ctx: AppContext, now = new Date()): Promise<number> {
  const smtp = ctx.config.notify.smtp;
  if (!smtp) return 0;
  const held = await heldEmails(ctx.db, digestCutoff(now));
  const byUser = new Map<string, DeliveryRow[]>();
  for (const x of held) {
    const k = `${x.districtId}|${x.userId}`;
    byUser.set(k, [...(byUser.get(k) ?? []), x]);
  }
  let sent = 0;
  for (const [k, list] of byUser) {
    const [districtId, userId] = k.split('|') as [string, string];
    const [s] = await settingsOf(ctx.db, districtId, [userId]);
    if (!s?.email) {
      await updateDelivery(
        ctx.db,
        districtId,
        list.map((x) => x.id),
        { status: 'skipped' },
      );
      continue;
    }
    const id = `lnl-digest-${sha256(list.map((x) => x.messageId).join(',')).slice(0, 24)}`;
    const lines = list.map((x) => {
      const m = outbound(ctx, x);
      return `· ${m.title}：${m.body}${m.link ? `\n  ${m.link}` : ''}\n  (${m.messageId})`;
    });
    await sendEmail(smtp, s.email, {
      messageId: id,
      subject: `【邻里】每日提醒汇总（${list.length} 条）`,
      text: `${lines.join('\n')}\n\n消息编号 Message ID: ${id}\n——邻里 Linli`,
    });
    await updateDelivery(
      ctx.db,
      districtId,
      list.map((x) => x.id),
      { status: 'sent', sentAt: new Date() },
    );
    sent++;
  }
  return sent;
}

export async function deliveriesOf(ctx: AppContext, districtId: string, ids: number[]) {
  return deliveriesByIds(ctx.db, districtId, ids);
}
