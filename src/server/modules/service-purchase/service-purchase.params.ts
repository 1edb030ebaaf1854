import { z } from 'zod';

/** The path and query parameters of /api/purchase (the bodies and replies are in src/shared). */
export const IdParams = z.object({ id: z.string().min(1).max(60) });
export const AttachmentParams = z.object({ id: z.string().max(60), attId: z.string().max(60) });
export const MilestoneParams = z.object({ id: z.string().max(60), milestoneId: z.string().max(60) });
export const ContractsQuery = z.object({ roundId: z.string().max(60).optional() });
export const OcdsQuery = z.object({ download: z.enum(['0', '1']).optional() });
