import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Rate, Space, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { AttachmentPicker } from '../attachments/AttachmentPicker';
import type { Attachment } from '../attachments/attachments.api';
import type { Leg } from '../../../shared/work-orders.schema';

export const okProps = (testId: string, loading: boolean): ButtonProps =>
  ({ loading, 'data-testid': testId }) as ButtonProps;

/** A dialog asking for one text (reason / note); used for 退回, 上报升级, 督办, 重新打开. */
export function TextDialog({
  open,
  title,
  label,
  hint,
  required = true,
  loading,
  testId,
  flag,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  label: string;
  hint?: string;
  required?: boolean;
  loading: boolean;
  testId: string;
  /** an optional yes/no beside the text (退回: the dispatch catalogue named the wrong unit) */
  flag?: string;
  onCancel: () => void;
  onSubmit: (text: string, flagged: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string; flagged?: boolean }>();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={okProps(`${testId}-submit`, loading)}
      destroyOnHidden
      forceRender
    >
      <div data-testid={`${testId}-dialog`}>
        {hint && <Alert type="info" showIcon title={hint} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => onSubmit(v.text?.trim() ?? '', !!v.flagged)}>
          <Form.Item
            name="text"
            label={label}
            rules={required ? [{ required: true, whitespace: true, message: t('orders.dialogs.reasonRequired') }] : []}
          >
            <Input.TextArea rows={4} maxLength={1000} showCount data-testid={`${testId}-text`} />
          </Form.Item>
          {flag && (
            <Form.Item name="flagged" valuePropName="checked">
              <Checkbox data-testid={`${testId}-flag`}>{flag}</Checkbox>
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}

/** 兑单: the handler's result, an optional evidence note, and photos / PDFs uploaded as files (鉴定证明, 现场照片). */
export function FulfilDialog({
  leg,
  loading,
  onCancel,
  onSubmit,
}: {
  leg: Leg | null;
  loading: boolean;
  onCancel: () => void;
  onSubmit: (v: { result: string; evidence?: string[]; attachmentIds?: string[] }) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ result: string; note?: string; files?: Attachment[] }>();
  return (
    <Modal
      open={!!leg}
      title={t('orders.dialogs.fulfilTitle', { handler: leg?.handlerName ?? '' })}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('orders.actions.fulfil')}
      okButtonProps={okProps('fulfil-submit', loading)}
      destroyOnHidden
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="fulfil-dialog"
        onFinish={(v) =>
          onSubmit({
            result: v.result.trim(),
            evidence: v.note?.trim() ? [v.note.trim()] : undefined,
            attachmentIds: v.files && v.files.length > 0 ? v.files.map((f) => f.id) : undefined,
          })
        }
      >
        <Form.Item
          name="result"
          label={t('orders.dialogs.result')}
          rules={[{ required: true, whitespace: true, message: t('orders.dialogs.resultRequired') }]}
        >
          <Input.TextArea rows={5} maxLength={2000} showCount data-testid="fulfil-result" />
        </Form.Item>
        <Form.Item name="note" label={t('files.evidenceNote')}>
          <Input maxLength={500} placeholder={t('files.evidenceNoteHint')} data-testid="fulfil-note" />
        </Form.Item>
        <Form.Item name="files" label={t('orders.dialogs.evidence')}>
          <AttachmentPicker purpose="order_result" testId="fulfil-evidence" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 申请延期: 1–10 extra working days with a reason. */
export function ExtensionDialog({
  leg,
  loading,
  onCancel,
  onSubmit,
}: {
  leg: Leg | null;
  loading: boolean;
  onCancel: () => void;
  onSubmit: (v: { days: number; reason: string }) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ days: number; reason: string }>();
  return (
    <Modal
      open={!!leg}
      title={t('orders.dialogs.extensionTitle', { handler: leg?.handlerName ?? '' })}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={okProps('extension-submit', loading)}
      destroyOnHidden
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ days: 3 }}
        data-testid="extension-dialog"
        onFinish={(v) => onSubmit({ days: v.days, reason: v.reason.trim() })}
      >
        <Form.Item
          name="days"
          label={t('orders.dialogs.days')}
          rules={[{ required: true, message: t('orders.form.required') }]}
        >
          <InputNumber min={1} max={10} precision={0} data-testid="extension-days" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('orders.dialogs.reason')}
          rules={[{ required: true, whitespace: true, message: t('orders.dialogs.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="extension-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 审批延期: approve or reject a pending extension request. */
export function DecideExtensionDialog({
  leg,
  loading,
  onCancel,
  onSubmit,
}: {
  leg: Leg | null;
  loading: boolean;
  onCancel: () => void;
  onSubmit: (v: { approve: boolean; note?: string }) => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  useEffect(() => setNote(''), [leg]);
  const ext = leg?.extension;
  return (
    <Modal
      open={!!leg}
      title={t('orders.dialogs.decideTitle', { handler: leg?.handlerName ?? '' })}
      onCancel={onCancel}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="reject"
          danger
          loading={loading}
          onClick={() => onSubmit({ approve: false, note: note.trim() || undefined })}
          data-testid="extension-reject"
        >
          {t('orders.dialogs.reject')}
        </Button>,
        <Button
          key="approve"
          type="primary"
          loading={loading}
          onClick={() => onSubmit({ approve: true, note: note.trim() || undefined })}
          data-testid="extension-approve"
        >
          {t('orders.dialogs.approve')}
        </Button>,
      ]}
    >
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="decide-extension-dialog">
        {ext && (
          <Alert
            type="warning"
            showIcon
            title={t('orders.dialogs.extensionInfo', { days: ext.days, reason: ext.reason })}
          />
        )}
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder={t('orders.dialogs.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Space>
    </Modal>
  );
}

/** 评价确认: rating 1–5 and an optional comment; closes the order. */
export function ConfirmDialog({
  open,
  loading,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  loading: boolean;
  onCancel: () => void;
  onSubmit: (v: { rating: number; comment?: string }) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ rating: number; comment?: string }>();
  return (
    <Modal
      open={open}
      title={t('orders.dialogs.confirmTitle')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('orders.actions.confirm')}
      okButtonProps={okProps('confirm-submit', loading)}
      destroyOnHidden
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="confirm-dialog"
        onFinish={(v) => onSubmit({ rating: v.rating, comment: v.comment?.trim() || undefined })}
      >
        <Form.Item
          name="rating"
          label={t('orders.dialogs.ratingLabel')}
          rules={[{ required: true, type: 'number', min: 1, message: t('orders.dialogs.ratingRequired') }]}
        >
          <Rate data-testid="confirm-rate" />
        </Form.Item>
        <Form.Item name="comment" label={t('orders.dialogs.comment')}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="confirm-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
