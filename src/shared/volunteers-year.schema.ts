import { z } from 'zod';

/** A volunteer's hours of this year (Asia/Shanghai): confirmed, still waiting for staff, and the records they come from (rejected ones aside). */
export const YearHoursDto = z.object({
  year: z.number().int(),
  confirmedHours: z.number(),
  pendingHours: z.number(),
  records: z.number().int(),
});
