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

/** Errors of 短信验证码登录 (phone-code log-in). */
export const phoneCodeErrors = defineErrors('auth.phone', {
  AUTH_PHONE_CODE_UNAVAILABLE: {
    kind: 'unavailable',
    zh: '本平台尚未开通短信服务，暂不能用验证码登录，请使用账号和密码登录。',
    en: 'This platform has no SMS service set up, so signing in with a phone code is not available; please sign in with your username and password.',
  },
  AUTH_PHONE_CODE_TOO_SOON: {
    kind: 'rate_limited',
    zh: '验证码发送过于频繁，请 {seconds} 秒后再获取。',
    en: 'A code was sent a moment ago; you can ask for another in {seconds} seconds.',
  },
  AUTH_PHONE_CODE_HOURLY_LIMIT: {
    kind: 'rate_limited',
    zh: '该手机号 1 小时内最多获取 {max} 次验证码，请 {minutes} 分钟后再试，或使用账号和密码登录。',
    en: 'A mobile number can get at most {max} codes an hour; try again in {minutes} minutes or sign in with your username and password.',
  },
  AUTH_PHONE_CODE_WRONG: {
    kind: 'unauthenticated',
    zh: '验证码不正确，还可再试 {left} 次。',
    en: 'The code is wrong; you have {left} more tries.',
  },
  AUTH_PHONE_CODE_ATTEMPTS_EXCEEDED: {
    kind: 'unauthenticated',
    zh: '验证码已输错 {max} 次，已失效，请重新获取验证码。',
    en: 'The code was entered wrong {max} times and no longer works; please ask for a new code.',
  },
  AUTH_PHONE_CODE_EXPIRED: {
    kind: 'unauthenticated',
    zh: '验证码已过期（有效期 {minutes} 分钟），请重新获取。',
    en: 'The code has expired (codes are valid for {minutes} minutes); please ask for a new one.',
  },
  AUTH_PHONE_CODE_USED: {
    kind: 'unauthenticated',
    zh: '该验证码已使用过，请重新获取。',
    en: 'This code has already been used; please ask for a new one.',
  },
  AUTH_PHONE_CODE_NONE: {
    kind: 'unauthenticated',
    zh: '请先获取验证码；如果手机号未绑定账号，将收不到验证码，请使用账号和密码登录。',
    en: 'Please ask for a code first. A number that no account uses receives no code; then sign in with your username and password.',
  },
  AUTH_PHONE_RATE_LIMITED: {
    kind: 'rate_limited',
    zh: '验证码请求过于频繁，请 {seconds} 秒后再试。',
    en: 'Too many code requests; try again in {seconds} seconds.',
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
