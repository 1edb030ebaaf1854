import { defineErrors } from '../../lib/errors.js';

/** Every error of 附件 (upload, download, linking to a record). */
export const E = defineErrors('attachments', {
  ATTACHMENT_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该附件，或您无权查看。',
    en: 'There is no such attachment, or you may not see it.',
  },
  ATTACHMENT_FILE_MISSING: {
    kind: 'bad_request',
    zh: '请以表单方式上传文件（字段名 file）。',
    en: 'Upload the file as a form (field name "file").',
  },
  ATTACHMENT_TOO_LARGE: {
    kind: 'too_large',
    zh: '文件超过 {mb} MB，请压缩后再上传。',
    en: 'The file is larger than {mb} MB: compress it and upload again.',
  },
  ATTACHMENT_UNUSABLE: {
    kind: 'bad_request',
    zh: '附件 {name} 不能用在这里：它不是您上传的、用途不符，或已用于其他记录。',
    en: 'Attachment {name} cannot be used here: it is not yours, it was uploaded for another purpose, or it already belongs to another record.',
  },
  ATTACHMENT_IMAGE_INVALID: {
    kind: 'bad_request',
    zh: '图片无法读取（文件可能已损坏），请重新拍摄或选择。',
    en: 'The picture cannot be read (the file may be damaged): take or choose it again.',
  },
});
