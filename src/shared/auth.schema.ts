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
