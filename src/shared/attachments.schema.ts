import { z } from 'zod';
import { ATTACHMENT_PURPOSES, ATTACHMENTS_PER_STEP } from './attachments.constants.js';

export const UploadAttachmentQuery = z.object({ purpose: z.enum(ATTACHMENT_PURPOSES) });
export const AttachmentParams = z.object({ id: z.string().uuid() });

export const Attachment = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  url: z.string(),
  /** null for documents (PDF) */
  thumbnailUrl: z.string().nullable(),
});
export type Attachment = z.infer<typeof Attachment>;

/** What a step (兑单, 办结, a meeting, a case record) sends to link files uploaded before. */
export const AttachmentIds = z.array(z.string().uuid()).max(ATTACHMENTS_PER_STEP, '一次最多附 9 个文件').default([]);
