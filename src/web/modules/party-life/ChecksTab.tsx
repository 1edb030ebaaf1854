import { useState } from 'react';
import { App, Button, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import type { SystemCheck } from '../../../shared/party-life.schema';
import { AttachmentPicker } from '../attachments/AttachmentPicker';
import type { Attachment } from '../attachments/attachments.api';
import { useChecks, useReviewCheck, useSubmitEvidence } from './party-life.api';

const COLOR = { pending: 'default', submitted: 'blue', approved: 'green', returned: 'orange' } as const;

/** The working systems of the year: evidence by the branch, review by the community committee. */
export function ChecksTab({ branchId, year }: { branchId: string; year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const checks = useChecks(branchId, year);
  const submit = useSubmitEvidence(branchId);
  const review = useReviewCheck(branchId);
  const [editing, setEditing] = useState<SystemCheck | null>(null);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  const d = checks.data;
  if (!d) return null;
  const onError = (e: unknown) => void message.error(errorMessage(e));
  return (
    <>
      <Typography.Text strong>{t('partyLife.checksDone', { done: d.done, total: d.items.length })}</Typography.Text>
      <List
        dataSource={d.items}
        data-testid="checks"
        renderItem={(i) => (
          <List.Item
            actions={[
              d.can.run && i.status !== 'approved' && (
                <Button
                  size="small"
                  key="e"
                  onClick={() => {
                    setEditing(i);
                    setText(i.evidence ?? '');
                    setFiles([]);
                  }}
                >
                  {t('partyLife.evidence')}
                </Button>
              ),
              d.can.review && i.status === 'submitted' && (
                <Space key="r">
                  <Button
                    size="small"
                    type="primary"
                    onClick={() =>
                      review.mutate({ itemKey: i.itemKey, year, decision: 'approved', version: i.version }, { onError })
                    }
                  >
                    {t('partyLife.approve')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() =>
                      review.mutate({ itemKey: i.itemKey, year, decision: 'returned', version: i.version }, { onError })
                    }
                  >
                    {t('partyLife.return')}
                  </Button>
                </Space>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  {i.name}
                  <Tag color={COLOR[i.status]}>{t(`partyLife.checkStatus.${i.status}`)}</Tag>
                </Space>
              }
              description={
                <>
                  {i.evidence ?? '—'}
                  {i.reviewNote && <div>{t('partyLife.reviewNote', { note: i.reviewNote })}</div>}
                  {i.attachments.map((f) => (
                    <a key={f.id} href={f.url} target="_blank" rel="noreferrer" style={{ marginRight: 8 }}>
                      {f.name}
                    </a>
                  ))}
                </>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={!!editing}
        title={editing?.name}
        onCancel={() => setEditing(null)}
        confirmLoading={submit.isPending}
        onOk={() =>
          submit.mutate(
            { itemKey: editing!.itemKey, year, evidence: text.trim(), attachmentIds: files.map((f) => f.id) },
            { onSuccess: () => setEditing(null), onError },
          )
        }
      >
        <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} maxLength={5000} />
        <AttachmentPicker purpose="party_check" value={files} onChange={setFiles} />
      </Modal>
    </>
  );
}
