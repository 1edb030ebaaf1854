import { z } from 'zod';
import { ABILITIES, ROLES } from './access.js';
import { OrgUnitDto } from './org.schema.js';

/** The signed-in user (/api/auth/me, the login reply). */
export const MeDto = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  districtId: z.string(),
  orgUnit: OrgUnitDto,
  abilities: z.array(z.enum(ABILITIES)),
});
export type Me = z.infer<typeof MeDto>;

/** A mainland mobile number (短信验证码登录). */
export const MobileNumber = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号应为 11 位，以 1 开头');

export const PhoneCodeRequestBody = z.object({ phone: MobileNumber });
export const PhoneLoginBody = z.object({
  phone: MobileNumber,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '验证码为 6 位数字'),
});

/** The same reply whether or not an account has the number. */
export const PhoneCodeRequestedDto = z.object({
  resendAfterSeconds: z.number().int(),
  expiresInSeconds: z.number().int(),
});
export type PhoneCodeRequested = z.infer<typeof PhoneCodeRequestedDto>;
