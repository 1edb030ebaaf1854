import { defineErrors } from '../../lib/errors.js';

/** Errors of signing in, sessions and api keys. */
export const authErrors = defineErrors('auth', {
  AUTH_INVALID_CREDENTIALS: {
    kind: 'unauthenticated',
    zh: '用户名或密码不正确。连续输错 {max} 次，账号将锁定 {minutes} 分钟。',
    en: 'The username or password is wrong. After {max} wrong tries in a row the account is locked for {minutes} minutes.',
  },
  AUTH_LOCKED: {
    kind: 'locked',
    zh: '密码连续输错 {max} 次，账号已锁定，将于北京时间 {time}（约 {minutes} 分钟后）自动解锁，届时请再试。如需提前解锁或忘记密码，请联系为您开通账号的管理员（所在街道或区级管理员）在“账号管理”中解锁或重置密码。',
    en: 'The password was wrong {max} times in a row, so the account is locked. It unlocks by itself at {time} Beijing time (in about {minutes} minutes); please try again then. To unlock it sooner or if you forgot the password, ask the administrator who opened your account (your street or district administrator) to unlock it or reset the password in account management.',
  },
  AUTH_REQUIRED: { kind: 'unauthenticated', zh: '请先登录。', en: 'Please sign in first.' },
  AUTH_SESSION_EXPIRED: {
    kind: 'unauthenticated',
    zh: '超过 {minutes} 分钟未操作，登录已过期，请重新登录。',
    en: 'You were inactive for more than {minutes} minutes and your sign-in has expired; please sign in again.',
  },
  USER_NOT_FOUND: { kind: 'not_found', zh: '没有用户 {username}。', en: 'There is no user {username}.' },
  API_KEY_INVALID: {
    kind: 'unauthenticated',
    zh: 'api_key 无效或已停用。',
    en: 'The api_key is not valid or has been revoked.',
  },
  AUTH_RATE_LIMITED: {
    kind: 'rate_limited',
    zh: '登录尝试过于频繁，请 {seconds} 秒后再试。忘记密码请联系为您开通账号的管理员重置。',
    en: 'Too many sign-in attempts; try again in {seconds} seconds. If you forgot your password, ask the administrator who opened your account to reset it.',
  },
});

/** The session is gone (revoked, or its user disabled). */
export const sessionErrors = defineErrors('auth.session', {
  AUTH_REQUIRED: {
    kind: 'unauthenticated',
    zh: '登录已失效，请重新登录。',
    en: 'Your sign-in is no longer valid; please sign in again.',
  },
});
