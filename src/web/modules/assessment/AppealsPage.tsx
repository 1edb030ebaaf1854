import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useAppeals, useDecideAppeal } from './assessment.api';
import type { Appeal } from './types';
import { SHANGHAI_TZ } from '../../lib/time';

const STATUS_COLOR = { pending: 'gold', approved: 'green', rejected: 'default' } as const;
type Filter = 'pending' | 'approved' | 'rejected' | 'all';

/** 申诉/核减: the appeals the caller may see; reviewers decide pending ones with a reason. */
export default function AppealsPage() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<Filter>('pending');
  const appeals = useAppeals(filter === 'all' ? undefined : filter);
  const [deciding, setDeciding] = useState<{ appeal: Appeal; approve: boolean } | null>(null);
  const when = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', { timeZone: SHANGHAI_TZ }) : '—';

  const columns: TableColumnsType<Appeal> = [
    {
      title: t('assessment.appeals.order'),
      dataIndex: 'orderNo',
      width: 150,
      render: (v: string, a) => <Link to={`/orders/${a.orderId}`}>{v}</Link>,
    },
    { title: t('assessment.drill.orderTitle'), dataIndex: 'orderTitle', width: 160 },
    { title: t('assessment.appeals.unit'), dataIndex: 'unitName', width: 150 },
    {
      title: t('assessment.appeals.reason'),
      dataIndex: 'reason',
      width: 150,
      render: (v: Appeal['reason'], a) => (
        <Space orientation="vertical" size={0}>
          <span>{t(`assessment.appeals.reasons.${v}`)}</span>
          <Typography.Text type="secondary">{a.explanation}</Typography.Text>
          {a.evidence.map((e) => (
            <Typography.Text key={e} type="secondary">
              · {e}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    {
      title: t('assessment.appeals.filed'),
      width: 170,
      render: (_: unknown, a) => `${a.filedByName} · ${when(a.filedAt)}`,
    },
    {
      title: t('assessment.appeals.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: Appeal['status']) => <Tag color={STATUS_COLOR[v]}>{t(`assessment.appeals.statuses.${v}`)}</Tag>,
    },
    {
      title: t('assessment.appeals.decision'),
      width: 200,
      render: (_: unknown, a) =>
        a.can.decide ? (
          <Space>
            <Button size="small" type="primary" onClick={() => setDeciding({ appeal: a, approve: true })}>
              {t('assessment.appeals.approve')}
            </Button>
            <Button size="small" onClick={() => setDeciding({ appeal: a, approve: false })}>
              {t('assessment.appeals.reject')}
            </Button>
          </Space>
        ) : a.decidedAt ? (
          `${a.decidedByName} · ${a.decisionNote ?? ''}`
        ) : (
          `${t('assessment.appeals.deadline')} ${when(a.deadlineAt)}`
        ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="assessment-appeals-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('assessment.appeals.title')}
      </Typography.Title>
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        options={(['pending', 'approved', 'rejected', 'all'] as const).map((s) => ({
          value: s,
          label: s === 'all' ? t('assessment.appeals.all') : t(`assessment.appeals.statuses.${s}`),
        }))}
      />
      {appeals.error && <Alert type="error" title={errorMessage(appeals.error)} />}
      <Table<Appeal>
        rowKey="id"
        size="small"
        loading={appeals.isLoading}
        columns={columns}
        dataSource={appeals.data?.items ?? []}
        locale={{ emptyText: t('assessment.appeals.empty') }}
        scroll={{ x: 1070 }}
      />
      {deciding && <DecideModal {...deciding} onClose={() => setDeciding(null)} />}
    </Space>
  );
}

function DecideModal({ appeal, approve, onClose }: { appeal: Appeal; approve: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const decide = useDecideAppeal();
  const [form] = Form.useForm<{ note: string }>();
  const submit = async () => {
    const { note } = await form.validateFields();
    await decide.mutateAsync({ id: appeal.id, approve, note, version: appeal.version });
    void message.success(t('assessment.appeals.decidedOk'));
    onClose();
  };
  return (
    <Modal
      open
      title={`${approve ? t('assessment.appeals.approve') : t('assessment.appeals.reject')} · ${appeal.orderNo}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={decide.isPending}
    >
      {decide.error && <Alert type="error" title={errorMessage(decide.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t('assessment.appeals.note')} rules={[{ required: true, max: 500 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
