import { z } from 'zod';
import { ROLES } from './access.js';
import { ORG_KINDS } from './org.constants.js';
import { GRANT_ACTIONS, USER_STATUSES } from './users.constants.js';

/** Requests and replies of account management (/api/users…), shared by the server's routes and the web. */
const password = z
  .string()
  .min(10, '密码至少 10 位')
  .max(200)
  .regex(/[A-Za-z]/, '密码须包含字母')
  .regex(/\d/, '密码须包含数字');
const GrantActionEnum = z.enum(GRANT_ACTIONS);

export const UserDto = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  orgUnitKind: z.enum(ORG_KINDS),
  workUnitId: z.string().nullable(),
  workUnitName: z.string().nullable(),
  isActive: z.boolean(),
  isLocked: z.boolean(),
  /** The login mobile for 验证码登录, masked (138****0000); null when none is set. */
  mobileMasked: z.string().nullable(),
  createdAt: z.string(),
  /** What the caller may do with this account next (the UI hides the rest). */
  actions: z.array(GrantActionEnum),
});
export const ListUsersQuery = z.object({
  q: z.string().trim().max(60).optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(USER_STATUSES).optional(),
});
/** An account's mobile number for 验证码登录 (stored only as a keyed hash and a masked form). */
const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号应为 11 位，以 1 开头');

export const CreateUserBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '用户名为 3–40 位小写字母、数字、. _ -'),
  displayName: z.string().trim().min(1).max(40),
  role: z.enum(ROLES),
  orgUnitId: z.string().min(1).max(60),
  workUnitId: z.string().max(60).optional(),
  password,
  mobile: mobile.optional(),
});
export const UpdateUserBody = z.object({
  isActive: z.boolean().optional(),
  unlock: z.literal(true).optional(),
  password: password.optional(),
  displayName: z.string().trim().min(1).max(40).optional(),
  role: z.enum(ROLES).optional(),
  orgUnitId: z.string().min(1).max(60).optional(),
  workUnitId: z.string().min(1).max(60).nullable().optional(),
  /** The login mobile (验证码登录); null removes it. */
  mobile: mobile.nullable().optional(),
});
export const ResetPasswordBody = z.object({ password: password.optional() });
export const ResetPasswordReply = z.object({
  user: UserDto,
  /** Only when the server generated it: shown once, never stored in clear or audited. */
  generatedPassword: z.string().nullable(),
});
export const GrantableDto = z.object({
  roles: z.array(
    z.object({
      role: z.enum(ROLES),
      label: z.string(),
      unitKinds: z.array(z.enum(ORG_KINDS)),
      actions: z.array(GrantActionEnum),
    }),
  ),
  minorGranterRoles: z.array(z.enum(ROLES)),
  /** Roles the centre may name as minor-role granters (those with account management). */
  delegableRoles: z.array(z.enum(ROLES)),
  mayEditMinorGranters: z.boolean(),
});
export const GrantSettingsBody = z.object({ minorGranterRoles: z.array(z.enum(ROLES)).max(ROLES.length) });

export type ManagedUser = z.infer<typeof UserDto>;
export type Grantable = z.infer<typeof GrantableDto>;
export type GrantableRole = Grantable['roles'][number];
export type CreateUserInput = z.input<typeof CreateUserBody>;
export type UpdateUserInput = z.input<typeof UpdateUserBody>;
export type ListUsersInput = z.input<typeof ListUsersQuery>;
export type ResetPasswordResult = z.infer<typeof ResetPasswordReply>;

// ── Open311 api_keys of an account (issued here, shown once, listed, revoked) ──
export const ApiKeyDto = z.object({
  keyId: z.string(),
  name: z.string(),
  /** The first characters of the key, so its holder can tell which one is listed. */
  prefix: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const ApiKeyListReply = z.object({ items: z.array(ApiKeyDto) });
export const CreateApiKeyBody = z.object({
  name: z.string().trim().min(2, '请填写用途，至少 2 个字').max(40, '用途不能超过 40 个字'),
});
export const CreateApiKeyReply = z.object({
  key: ApiKeyDto,
  /** The key itself: shown this once, only its hash is stored. */
  secret: z.string(),
});
export type ApiKey = z.infer<typeof ApiKeyDto>;
export type CreateApiKeyInput = z.input<typeof CreateApiKeyBody>;
export type CreatedApiKey = z.infer<typeof CreateApiKeyReply>;
