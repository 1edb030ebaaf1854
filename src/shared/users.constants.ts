/** What an account manager may do with an account. */
export const GRANT_ACTIONS = ['create', 'reset', 'disable'] as const;
export type GrantAction = (typeof GRANT_ACTIONS)[number];

/** The account-list status filter. */
export const USER_STATUSES = ['active', 'disabled', 'locked'] as const;
export type UserStatusFilter = (typeof USER_STATUSES)[number];
