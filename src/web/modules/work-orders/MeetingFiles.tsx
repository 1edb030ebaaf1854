import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ATTACHMENTS_PER_STEP } from '../../../shared/attachments.constants';
import { AttachmentPicker } from '../attachments/AttachmentPicker';
import { AttachmentThumbs } from '../attachments/AttachmentThumbs';
import type { Attachment } from '../attachments/attachments.api';

/**
 * The meeting record's files (会议照片, 签字纪要 PDF): those saved with the meeting, and — for whoever records it —
 * the files picked for the next save (uploaded at once, linked when the minutes are saved). The printed minutes
 * list the files by name.
 */
export function MeetingFiles({
  saved,
  pending,
  onPending,
  mayManage,
}: {
  saved: Attachment[];
  pending: Attachment[];
  onPending: (files: Attachment[]) => void;
  mayManage: boolean;
}) {
  const { t } = useTranslation();
  const room = ATTACHMENTS_PER_STEP - saved.length;
  return (
    <div style={{ marginTop: 12 }} data-testid="meeting-files">
      <Typography.Text strong>{t('meetings.files')}</Typography.Text>
      <div style={{ marginTop: 6 }}>
        {saved.length === 0 && !mayManage && (
          <Typography.Text type="secondary">{t('meetings.noFiles')}</Typography.Text>
        )}
        <AttachmentThumbs files={saved} size={72} testId="meeting-saved-files" />
      </div>
      {mayManage && room > 0 && (
        <div className="no-print" style={{ marginTop: 8 }}>
          <AttachmentPicker
            purpose="meeting"
            max={room}
            value={pending}
            onChange={onPending}
            testId="meeting-file-picker"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('meetings.filesHint', { max: ATTACHMENTS_PER_STEP })}
          </Typography.Text>
        </div>
      )}
      {saved.length > 0 && (
        <ol className="print-only" data-testid="meeting-print-files">
          {saved.map((f) => (
            <li key={f.id}>{f.name}</li>
          ))}
        </ol>
      )}
    </div>
  );
}
