import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../lib/api';
import type { Ability, Me, PhoneCodeRequested } from '../../lib/types';

export const ME_KEY = ['auth', 'me'] as const;

export async function fetchMe(): Promise<Me | null> {
  try {
    const r = await api.get<{ user: Me }>('/auth/me', undefined, { noRedirectOn401: true });
    return r.user;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function login(username: string, password: string): Promise<{ user: Me }> {
  return api.post<{ user: Me }>('/auth/login', { username, password }, { noRedirectOn401: true });
}

export function logout(): Promise<void> {
  return api.post<void>('/auth/logout', undefined, { noRedirectOn401: true });
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

export function hasAbility(me: Me | null | undefined, ability: Ability): boolean {
  return !!me && me.abilities.includes(ability);
}

/** 获取验证码: the same reply whether or not an account has the number. */
export function requestPhoneCode(phone: string): Promise<PhoneCodeRequested> {
  return api.post<PhoneCodeRequested>('/auth/phone-code', { phone }, { noRedirectOn401: true });
}

export function phoneLogin(phone: string, code: string): Promise<{ user: Me }> {
  return api.post<{ user: Me }>('/auth/phone-login', { phone, code }, { noRedirectOn401: true });
}
