import { randomBytes, randomInt } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context.js';
import type { Role } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import { httpSmsProvider, type SmsProvider } from '../notifications/channels.js';
import { phoneCodeErrors as E } from './auth.errors.js';
import * as repo from './auth.repository.js';
import { lockedError, mobileHashOf, startSession } from './auth.service.js';

/**
 * 短信验证码登录. A code is asked for by mobile number; the reply is the same 202 whether an account has
 * the number or not, and the same limits hold for both (a row per number, by its keyed hash): one code a
 * minute, five an hour. An unknown number gets a code that is never sent, so trying it fails like a wrong
 * code does. The code itself is 6 digits from crypto.randomInt, kept only as a keyed hash; it lives
 * 5 minutes, is used once and dies after 5 wrong tries. The SMS goes out after the reply (through the
 * notifications' SMS provider), so the reply's timing does not tell known numbers from unknown ones.
 */
export const PHONE_CODE_TTL_SECONDS = 300;
export const PHONE_CODE_RESEND_SECONDS = 60;
export const PHONE_CODE_MAX_PER_HOUR = 5;
export const PHONE_CODE_MAX_ATTEMPTS = 5;

const LIMITS = {
  ttlSeconds: PHONE_CODE_TTL_SECONDS,
  resendSeconds: PHONE_CODE_RESEND_SECONDS,
  maxPerHour: PHONE_CODE_MAX_PER_HOUR,
};

const codeHashOf = (ctx: AppContext, phoneHash: string, code: string) =>
  ctx.crypto.blindIndex(`phone-login:${phoneHash}:${code}`);

export const phoneCodeText = (code: string) =>
  `【邻里】您的登录验证码是 ${code}，${PHONE_CODE_TTL_SECONDS / 60} 分钟内有效。请勿告诉他人；如非本人操作，请忽略本短信。`;

/** SMS sends still under way (so a test, or a shutdown, can wait for them). */
const pending = new Set<Promise<void>>();
export const phoneCodeSendsSettled = () => Promise.allSettled([...pending]).then(() => undefined);

export interface PhoneCodeRequested {
  resendAfterSeconds: number;
  expiresInSeconds: number;
}

export async function requestPhoneCode(
  ctx: AppContext,
  phone: string,
  opts: { ip?: string; log?: FastifyBaseLogger; provider?: SmsProvider } = {},
): Promise<PhoneCodeRequested> {
  const sms = ctx.config.notify.sms;
  if (!sms) throw E.AUTH_PHONE_CODE_UNAVAILABLE();
  const phoneHash = mobileHashOf(ctx, phone);
  const user = await repo.findActiveUserByMobile(ctx.db, phoneHash);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const row = {
    phoneHash,
    districtId: user?.districtId ?? null,
    userId: user?.id ?? null,
    codeHash: codeHashOf(ctx, phoneHash, code),
  };
  const stored = await ctx.db.transaction(async (tx) => {
    if (!(await repo.storePhoneCode(tx, row, LIMITS))) return false;
    if (user) {
      const actor = { districtId: user.districtId, userId: user.id, role: user.role as Role };
      const detail = { expiresInSeconds: PHONE_CODE_TTL_SECONDS };
      await writeAudit(
        tx,
        actor,
        { action: 'auth.phone_code_sent', entityType: 'user', entityId: user.id, detail },
        opts.ip,
      );
    }
    return true;
  });
  if (!stored) {
    const wait = await repo.phoneCodeWait(ctx.db, phoneHash, PHONE_CODE_RESEND_SECONDS, PHONE_CODE_MAX_PER_HOUR);
    if (wait?.hourFull) {
      const seconds = Math.max(1, wait.windowIn);
      throw E.AUTH_PHONE_CODE_HOURLY_LIMIT(
        { max: PHONE_CODE_MAX_PER_HOUR, minutes: Math.ceil(seconds / 60) },
        { retryAfterSeconds: seconds },
      );
    }
    const seconds = Math.max(1, wait?.resendIn ?? PHONE_CODE_RESEND_SECONDS);
    throw E.AUTH_PHONE_CODE_TOO_SOON({ seconds }, { retryAfterSeconds: seconds });
  }
  if (user) {
    const provider = opts.provider ?? httpSmsProvider(sms);
    const messageId = `lnl-login-${randomBytes(9).toString('base64url')}`;
    const sending = provider
      .send(phone, phoneCodeText(code), messageId)
      .catch((e: unknown) => opts.log?.error({ err: e, messageId }, 'phone-code SMS not sent'))
      .finally(() => pending.delete(sending));
    pending.add(sending);
  }
  return { resendAfterSeconds: PHONE_CODE_RESEND_SECONDS, expiresInSeconds: PHONE_CODE_TTL_SECONDS };
}

/** Log in with a number and its code: the same session, cookie and log-in audit as a password log-in. */
export async function loginWithPhoneCode(
  ctx: AppContext,
  phone: string,
  code: string,
  ip?: string,
): Promise<{ token: string; userId: string; districtId: string }> {
  const phoneHash = mobileHashOf(ctx, phone);
  const tried = await repo.tryPhoneCode(ctx.db, phoneHash, codeHashOf(ctx, phoneHash, code), PHONE_CODE_MAX_ATTEMPTS);
  if (!tried) {
    const state = await repo.phoneCodeState(ctx.db, phoneHash);
    if (!state) throw E.AUTH_PHONE_CODE_NONE();
    if (state.usedAt) throw E.AUTH_PHONE_CODE_USED();
    if (state.failedAttempts >= PHONE_CODE_MAX_ATTEMPTS)
      throw E.AUTH_PHONE_CODE_ATTEMPTS_EXCEEDED({ max: PHONE_CODE_MAX_ATTEMPTS });
    throw E.AUTH_PHONE_CODE_EXPIRED({ minutes: PHONE_CODE_TTL_SECONDS / 60 });
  }
  const user =
    tried.usedAt && tried.districtId && tried.userId
      ? await repo.findPhoneLoginUser(ctx.db, tried.districtId, tried.userId, phoneHash)
      : undefined;
  if (!user) {
    const who = tried.districtId && tried.userId && (await repo.findActorRow(ctx.db, tried.districtId, tried.userId));
    if (who) {
      const actor = { districtId: who.districtId, userId: who.id, role: who.role as Role };
      const detail = { method: 'phone_code', failures: tried.failedAttempts };
      await writeAudit(
        ctx.db,
        actor,
        { action: 'auth.login_failed', entityType: 'user', entityId: who.id, detail },
        ip,
      );
    }
    const left = PHONE_CODE_MAX_ATTEMPTS - tried.failedAttempts;
    if (left <= 0) throw E.AUTH_PHONE_CODE_ATTEMPTS_EXCEEDED({ max: PHONE_CODE_MAX_ATTEMPTS });
    throw E.AUTH_PHONE_CODE_WRONG({ left });
  }
  // the password lockout holds for every way in: a locked account waits, or asks to be unlocked
  const lockedUntil = user.lockedUntil ? new Date(user.lockedUntil) : null;
  if (lockedUntil && lockedUntil > new Date()) throw lockedError(lockedUntil);
  return startSession(ctx, { id: user.id, districtId: user.districtId, role: user.role as Role }, ip, {
    method: 'phone_code',
  });
}
