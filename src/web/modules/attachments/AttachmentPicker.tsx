import { useRef, useState } from 'react';
import { App as AntApp, Button, Upload, type UploadFile } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MIMES } from '../../../shared/attachments.constants';
import { uploadAttachment, type Attachment, type AttachmentPurpose } from './attachments.api';

/**
 * Photos and PDFs for a step (兑单, 办结, a request, a meeting): each file is uploaded as soon as it is
 * picked (multipart, POST /api/attachments), and the form value is the list of uploaded attachments —
 * the step then sends their ids. A file the server refuses shows its message and is left out.
 */
export function AttachmentPicker({
  value,
  onChange,
  purpose,
  max = 9,
  accept = 'image/*,application/pdf',
  testId,
}: {
  value?: Attachment[];
  onChange?: (v: Attachment[]) => void;
  purpose: AttachmentPurpose;
  max?: number;
  accept?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const files = value ?? [];
  const latest = useRef(files);
  latest.current = files;
  const [pending, setPending] = useState(0);
  const fileList: UploadFile[] = files.map((a) => ({
    uid: a.id,
    name: a.name,
    status: 'done',
    url: a.url,
    thumbUrl: a.thumbnailUrl ?? undefined,
  }));
  return (
    <Upload
      data-testid={testId}
      accept={accept}
      listType="picture-card"
      multiple
      fileList={fileList}
      beforeUpload={(file) => {
        if (!(ATTACHMENT_MIMES as readonly string[]).includes(file.type) && file.type !== '') {
          void message.error(t('files.onlyPhotosPdf'));
          return Upload.LIST_IGNORE;
        }
        if (file.size > ATTACHMENT_MAX_BYTES) {
          void message.error(t('files.tooBig', { mb: ATTACHMENT_MAX_BYTES / 1024 / 1024 }));
          return Upload.LIST_IGNORE;
        }
        if (latest.current.length + pending >= max) return Upload.LIST_IGNORE;
        setPending((n) => n + 1);
        uploadAttachment(file, purpose)
          .then((a) => {
            const next = [...latest.current, a].slice(0, max);
            latest.current = next;
            onChange?.(next);
          })
          .catch((e: unknown) => void message.error(errorMessage(e)))
          .finally(() => setPending((n) => n - 1));
        return false;
      }}
      onRemove={(f) => {
        onChange?.(files.filter((a) => a.id !== f.uid));
        return true;
      }}
    >
      {files.length + pending >= max ? null : (
        <Button type="text" icon={<PlusOutlined />} loading={pending > 0} style={{ height: '100%', width: '100%' }}>
          {t('files.add')}
        </Button>
      )}
    </Upload>
  );
}
