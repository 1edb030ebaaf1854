import { useMutation } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Attachment } from '../../../shared/attachments.schema';
import type { AttachmentPurpose } from '../../../shared/attachments.constants';

export type { Attachment, AttachmentPurpose };

/** Uploads one file (multipart field `file`); the reply's id goes into the step's `attachmentIds`. */
export function uploadAttachment(
  file: File | Blob,
  purpose: AttachmentPurpose,
  filename?: string,
): Promise<Attachment> {
  return api.upload<Attachment>(`/attachments?purpose=${purpose}`, file, 'file', filename);
}

export function useUploadAttachment(purpose: AttachmentPurpose) {
  return useMutation({ mutationFn: (file: File) => uploadAttachment(file, purpose) });
}
