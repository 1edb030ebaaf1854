import { defineErrors } from '../../lib/errors.js';

/** Refusals of the access layer (abilities, scope, account grants). */
export const accessErrors = defineErrors('access', {
  PERMISSION_DENIED: {
    kind: 'forbidden',
    zh: '您的角色没有“{ability}”权限。如需办理，请联系上级管理员。',
    en: 'Your role does not have the "{abilityCode}" permission. To get this done, contact a higher-level administrator.',
  },
  SCOPE_FORBIDDEN: {
    kind: 'forbidden',
    zh: '{what}不在您的管辖范围内，无权查看或操作。',
    en: 'This record is outside your jurisdiction; you may not view or change it.',
  },
  GRANT_SETTINGS_CENTRE_ONLY: {
    kind: 'forbidden',
    zh: '只有市未成年人保护中心可以设置谁能开通未成年人保护账号。',
    en: 'Only the city minor-protection centre can set who may open minor-protection accounts.',
  },
  GRANT_MINOR_CENTRE_ONLY: {
    kind: 'forbidden',
    zh: '“{target}”账号只能由市未成年人保护中心{verb}，请联系市未成年人保护中心办理。',
    en: 'Only the city minor-protection centre can {verbEn} "{targetEn}" accounts; please contact the centre.',
  },
  GRANT_IDENTITY_EXCEEDS: {
    kind: 'forbidden',
    zh: '“{target}”{identity}，超出您本人的身份信息权限，您不能{verb}该角色的账号。请联系区级管理员办理。',
    en: '"{targetEn}" {identityEn}, which goes beyond your own access to identity data, so you cannot {verbEn} accounts of this role. Please contact a district administrator.',
  },
  GRANT_FORBIDDEN: {
    kind: 'forbidden',
    zh: '您的角色（{actorRole}）不能{verb}{kind}级的“{target}”账号。请联系区级管理员办理。',
    en: 'Your role ({actorRoleEn}) cannot {verbEn} "{targetEn}" accounts at {kindEn} level. Please contact a district administrator.',
  },
});

/** An account with no linked resident cannot do what residents do (volunteering, meals, requests). */
export const personRequired = defineErrors('access.person', {
  PERSON_REQUIRED: {
    kind: 'forbidden',
    zh: '您的账号没有关联实有人口信息，请到社区登记后再参加志愿服务。',
    en: 'Your account is not linked to a registered resident; register with your community before volunteering.',
  },
}).PERSON_REQUIRED;

/**
 * Refusals that say more than "outside your jurisdiction" (same codes, same status): the record kinds'
 * rules name them as `refusal`.
 */
export const scopeRefusals = {
  contractBuyer: defineErrors('access.contract-buyer', {
    SCOPE_FORBIDDEN: {
      kind: 'forbidden',
      zh: '该合同由{buyer}签订，不在您的管辖范围内。',
      en: 'This contract was signed by {buyer}; it is outside your jurisdiction.',
    },
  }).SCOPE_FORBIDDEN,
  contractDelivery: defineErrors('access.contract-delivery', {
    SCOPE_FORBIDDEN: {
      kind: 'forbidden',
      zh: '只有承接该项目的社会组织可以记录实施情况。',
      en: 'Only the social organisation delivering this project may record its delivery.',
    },
  }).SCOPE_FORBIDDEN,
  counter: defineErrors('access.points-counter', {
    SCOPE_FORBIDDEN: {
      kind: 'forbidden',
      zh: '{what}不在您的管辖范围内，无权查看其积分；在柜台请使用居民出示的到场码或积分卡。',
      en: "This resident is outside your jurisdiction, so you may not see their points; at the counter use the resident's presence code or points card.",
    },
  }).SCOPE_FORBIDDEN,
  taskClaim: defineErrors('access.task-claim', {
    SCOPE_FORBIDDEN: {
      kind: 'forbidden',
      zh: '只能认领您居住或报到小区的{what}。',
      en: 'You can only claim tasks of a compound where you live or have reported.',
    },
  }).SCOPE_FORBIDDEN,
};
