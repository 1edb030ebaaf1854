import { defineErrors } from '../../lib/errors.js';

/** Errors of account management. */
export const usersErrors = defineErrors('users', {
  MOBILE_TAKEN: {
    kind: 'conflict',
    zh: '手机号 {mobile} 已是另一个账号的登录手机号；一个手机号只能用于一个账号的验证码登录。',
    en: 'The mobile number {mobile} is already another account’s sign-in number; a number can sign in to one account only.',
  },
  USER_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该账号，可能已被删除或编号有误。',
    en: 'This account cannot be found; it may have been deleted, or the id is wrong.',
  },
  SELF_CHANGE_FORBIDDEN: {
    kind: 'forbidden',
    zh: '不能在账号管理中修改、停用或重置自己的账号，请由上级管理员办理。',
    en: 'You cannot change, disable or reset your own account in account management; ask a higher-level administrator.',
  },
  ORG_UNIT_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到编码为 {id} 的组织。',
    en: 'There is no organisation with code {id}.',
  },
  ROLE_UNIT_MISMATCH: {
    kind: 'bad_request',
    zh: '“{role}”应绑定到{kinds}级组织，“{unit}”不符合，请重新选择。',
    en: '"{roleEn}" must be bound to an organisation at {kindsEn} level; "{unit}" is not one. Please choose again.',
  },
  WORK_UNIT_REQUIRED: {
    kind: 'bad_request',
    zh: '职能部门账号须指定所在部门，请选择部门后再保存。',
    en: 'A department account must name its department; choose one and save again.',
  },
  PROPERTY_COMPANY_REQUIRED: {
    kind: 'bad_request',
    zh: '物业服务企业账号须指定已登记的物业服务企业，请先在“物业企业”中登记该企业。',
    en: 'A property company account must name a registered property company; register the company under Property companies first.',
  },
  WORK_UNIT_NOT_FOUND: {
    kind: 'bad_request',
    zh: '所选单位不存在，请重新选择。',
    en: 'The chosen work unit does not exist; please choose again.',
  },
  USERNAME_TAKEN: {
    kind: 'conflict',
    zh: '用户名 {username} 已被使用，请换一个。',
    en: 'The username {username} is already taken; please choose another.',
  },
  EMPTY_UPDATE: {
    kind: 'bad_request',
    zh: '没有要修改的内容：请至少提供一项（停用/启用、解锁、新密码、姓名、角色、组织或单位）。',
    en: 'Nothing to change: give at least one of disable/enable, unlock, new password, name, role, organisation or work unit.',
  },
  GRANT_SETTINGS_INVALID_ROLE: {
    kind: 'bad_request',
    zh: '只能授权有账号管理权限的角色，{roles}不可选。',
    en: 'Only roles that manage accounts can be authorised; {rolesEn} cannot be chosen.',
  },
  API_KEY_NOT_FOUND: {
    kind: 'not_found',
    zh: '该账号没有编号为 {keyId} 的接口密钥。',
    en: 'This account has no api_key {keyId}.',
  },
  API_KEY_ALREADY_REVOKED: {
    kind: 'conflict',
    zh: '接口密钥 {keyId} 已于此前吊销。',
    en: 'The api_key {keyId} has already been revoked.',
  },
  API_KEY_LIMIT: {
    kind: 'conflict',
    zh: '一个账号最多可有 {max} 个有效的接口密钥，请先吊销不用的。',
    en: 'An account may hold at most {max} active api_keys; revoke one you no longer use first.',
  },
});
