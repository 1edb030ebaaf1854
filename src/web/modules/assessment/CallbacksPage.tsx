import { useState } from 'react';
import {
  Alert,
  App,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  Button,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useCallbackQueue, useRecordCallback } from './assessment.api';
import { CALLBACK_OUTCOMES, type CallbackOutcome, type CallbackQueue } from './types';
import { formatDateTime, SHANGHAI_TZ } from '../../lib/time';

type Item = CallbackQueue['items'][number];

/** 回访: closed orders that need a call; a dissatisfied caller sends the order back as a redo. */
export default function CallbacksPage() {
  const { t, i18n } = useTranslation();
  const queue = useCallbackQueue();
  const [calling, setCalling] = useState<Item | null>(null);
  const when = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', { timeZone: SHANGHAI_TZ }) : '—';
  const columns: TableColumnsType<Item> = [
    {
      title: t('assessment.drill.no'),
      dataIndex: 'no',
      width: 150,
      render: (v: string, r) => <Link to={`/orders/${r.orderId}`}>{v}</Link>,
    },
    { title: t('assessment.drill.orderTitle'), dataIndex: 'title' },
    { title: t('assessment.callbacks.closedAt'), dataIndex: 'closedAt', width: 170, render: (v: string) => when(v) },
    {
      title: t('assessment.callbacks.caller'),
      width: 160,
      render: (_: unknown, r) => [r.reporterName, r.reporterPhoneMasked].filter(Boolean).join(' ') || '—',
    },
    {
      title: '',
      dataIndex: 'why',
      width: 150,
      render: (v: Item['why']) => <Tag>{t(`assessment.callbacks.why.${v}`)}</Tag>,
    },
    { title: t('assessment.callbacks.tries'), dataIndex: 'tries', width: 90, align: 'right' },
    {
      key: 'act',
      width: 100,
      render: (_: unknown, r) => (
        <Button size="small" type="primary" onClick={() => setCalling(r)}>
          {t('assessment.callbacks.record')}
        </Button>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="assessment-callbacks-page">
      <Space orientation="vertical" size={0}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('assessment.callbacks.title')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('assessment.callbacks.subtitle')}{' '}
          {queue.data && t('assessment.callbacks.maxTries', { n: queue.data.maxTries })}
        </Typography.Text>
      </Space>
      {queue.error && <Alert type="error" title={errorMessage(queue.error)} />}
      <Table<Item>
        rowKey="orderId"
        size="small"
        loading={queue.isLoading}
        columns={columns}
        dataSource={queue.data?.items ?? []}
        locale={{ emptyText: t('assessment.callbacks.empty') }}
        scroll={{ x: 900 }}
      />
      {calling && <CallbackModal item={calling} onClose={() => setCalling(null)} />}
    </Space>
  );
}

function CallbackModal({ item, onClose }: { item: Item; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const record = useRecordCallback();
  const [form] = Form.useForm<{ outcome: CallbackOutcome; resolved?: boolean; note?: string }>();
  const outcome = Form.useWatch('outcome', form);
  const submit = async () => {
    const v = await form.validateFields();
    const reply = await record.mutateAsync({
      orderId: item.orderId,
      outcome: v.outcome,
      ...(v.outcome === 'unreachable' ? {} : { resolved: v.resolved ?? false }),
      note: v.note,
    });
    if (reply.redo) void message.warning(t('assessment.callbacks.redo', { due: formatDateTime(reply.redo.dueAt) }));
    else if (reply.givenUp) void message.info(t('assessment.callbacks.givenUp'));
    else void message.success(t('assessment.callbacks.saved'));
    onClose();
  };
  return (
    <Modal
      open
      title={`${t('assessment.callbacks.record')} · ${item.no}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={record.isPending}
    >
      {record.error && <Alert type="error" title={errorMessage(record.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ outcome: 'satisfied', resolved: true }}>
        <Form.Item name="outcome" label={t('assessment.callbacks.outcome')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={CALLBACK_OUTCOMES.map((o) => ({ value: o, label: t(`assessment.callbacks.outcomes.${o}`) }))}
          />
        </Form.Item>
        {outcome !== 'unreachable' && (
          <Form.Item name="resolved" label={t('assessment.callbacks.resolved')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('assessment.callbacks.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
