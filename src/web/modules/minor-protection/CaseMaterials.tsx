import { useState } from 'react';
import { Button, Card, Input, Space, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ATTACHMENTS_PER_STEP } from '../../../shared/attachments.constants';
import { AttachmentPicker } from '../attachments/AttachmentPicker';
import { AttachmentThumbs } from '../attachments/AttachmentThumbs';
import type { Attachment } from '../attachments/attachments.api';
import type { CaseAction } from './minor-protection.api';

/**
 * 个案材料 of a child's file: the documents and photos in it (shown only to identity readers — the server sends none
 * to others), and for whoever works the file a picker to add more: the files upload at once and join the file when
 * saved, with an optional note on the timeline.
 */
export function CaseMaterials({
  files,
  canWork,
  loading,
  onSubmit,
}: {
  files: Attachment[];
  canWork: boolean;
  loading: boolean;
  onSubmit: (a: CaseAction, done: () => void) => void;
}) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Attachment[]>([]);
  const [note, setNote] = useState('');
  const save = () =>
    onSubmit(
      {
        kind: 'materials',
        body: { attachmentIds: pending.map((f) => f.id), ...(note.trim() ? { note: note.trim() } : {}) },
      },
      () => {
        setPending([]);
        setNote('');
      },
    );
  return (
    <Card size="small" title={`${t('minor.materials.title')}（${files.length}）`} data-testid="case-materials">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <LockOutlined /> {t('minor.materials.audited')}
        </Typography.Text>
        {files.length === 0 ? (
          <Typography.Text type="secondary">{t('minor.materials.none')}</Typography.Text>
        ) : (
          <AttachmentThumbs files={files} size={72} testId="case-material-files" />
        )}
        {canWork && (
          <>
            <AttachmentPicker
              purpose="case"
              max={ATTACHMENTS_PER_STEP}
              value={pending}
              onChange={setPending}
              testId="case-material-picker"
            />
            <Input
              value={note}
              maxLength={500}
              placeholder={t('minor.materials.notePlaceholder')}
              aria-label={t('minor.materials.note')}
              data-testid="case-material-note"
              onChange={(e) => setNote(e.target.value)}
            />
            <Button
              type="primary"
              disabled={pending.length === 0}
              loading={loading}
              onClick={save}
              data-testid="case-material-save"
            >
              {t('minor.materials.save')}
            </Button>
          </>
        )}
      </Space>
    </Card>
  );
}
