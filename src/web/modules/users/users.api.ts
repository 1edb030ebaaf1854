import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  ApiKey,
  CreatedApiKey,
  CreateApiKeyInput,
  CreateUserInput,
  Grantable,
  ManagedUser,
  OrgKind,
  OrgUnit,
  Role,
  UpdateUserInput,
  UserStatusFilter,
} from '../../lib/types';

export interface UserFilter {
  q: string;
  role: Role | undefined;
  status: UserStatusFilter | undefined;
}

export const userKeys = {
  all: ['users'] as const,
  list: (f: UserFilter) => ['users', 'list', f.q, f.role ?? '', f.status ?? ''] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
  grantable: ['users', 'grantable'] as const,
  workUnits: ['users', 'work-units'] as const,
};

const enc = encodeURIComponent;

export function useUsers(f: UserFilter) {
  return useQuery({
    queryKey: userKeys.list(f),
    queryFn: ({ signal }) =>
      api
        .get<{ items: ManagedUser[] }>('/users', { q: f.q, role: f.role, status: f.status }, { signal })
        .then((r) => r.items),
  });
}

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: userKeys.detail(id ?? ''),
    queryFn: () => api.get<{ user: ManagedUser }>(`/users/${enc(id ?? '')}`).then((r) => r.user),
    enabled: !!id,
    retry: false,
  });
}

export function useGrantable() {
  return useQuery({ queryKey: userKeys.grantable, queryFn: () => api.get<Grantable>('/users/grantable') });
}

/** Work units (departments, institutions) an account can be bound to; needs orders.read, so optional. */
export function useWorkUnits(enabled: boolean) {
  return useQuery({
    queryKey: userKeys.workUnits,
    queryFn: () => api.get<{ items: { id: string; name: string }[] }>('/work-units').then((r) => r.items),
    enabled,
    retry: false,
  });
}

/** Units of the given kinds in the caller's subtree matching q (one search per kind, so compounds are not crowded out by streets). */
export async function searchBindableUnits(q: string, kinds: readonly OrgKind[]): Promise<OrgUnit[]> {
  const lists = await Promise.all(
    kinds.map((kind) => api.get<{ items: OrgUnit[] }>('/org-units', { q, kind }).then((r) => r.items)),
  );
  return lists.flat();
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: userKeys.all });
}

export function useCreateUser() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api.post<{ user: ManagedUser }>('/users', input).then((r) => r.user),
    onSuccess: invalidate,
  });
}

export function useUpdateUser(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: UpdateUserInput) =>
      api.patch<{ user: ManagedUser }>(`/users/${enc(id)}`, input).then((r) => r.user),
    onSuccess: invalidate,
  });
}

export function useResetPassword(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (password: string | undefined) =>
      api.post<{ user: ManagedUser; generatedPassword: string | null }>(
        `/users/${enc(id)}/reset-password`,
        password ? { password } : {},
      ),
    onSuccess: invalidate,
  });
}

export function useSetMinorGranters() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (roles: Role[]) => api.put<Grantable>('/users/grant-settings', { minorGranterRoles: roles }),
    onSuccess: invalidate,
  });
}

// ── Open311 api_keys: `'me'` for one's own, an account id for an account the caller manages ──
const apiKeysPath = (owner: string) => (owner === 'me' ? '/me/api-keys' : `/users/${enc(owner)}/api-keys`);
export const apiKeyKeys = { of: (owner: string) => ['api-keys', owner] as const };

export function useApiKeys(owner: string) {
  return useQuery({
    queryKey: apiKeyKeys.of(owner),
    queryFn: () => api.get<{ items: ApiKey[] }>(apiKeysPath(owner)).then((r) => r.items),
    retry: false,
  });
}

export function useIssueApiKey(owner: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiKeyInput) => api.post<CreatedApiKey>(apiKeysPath(owner), input),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiKeyKeys.of(owner) }),
  });
}

export function useRevokeApiKey(owner: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) =>
      api.post<{ key: ApiKey }>(`${apiKeysPath(owner)}/${enc(keyId)}/revoke`).then((r) => r.key),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiKeyKeys.of(owner) }),
  });
}
