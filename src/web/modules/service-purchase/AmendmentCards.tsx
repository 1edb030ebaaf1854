import {
  App as AntApp,
  Alert,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { shanghaiTime, useAmendRound, yuan } from './purchase.api';
import type { AmendmentView, RoundDetail } from './types';

interface AmendForm {
  rationale: string;
  title: string;
  scope: string;
  eligibility: string;
  budget: number;
  deadline: Dayjs;
}

/** 更正公告: the agent changes the open call; only the fields that differ are sent, with the reason. */
export function AmendModal({ d, open, onClose }: { d: RoundDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AmendForm>();
  const r = d.round;
  const amend = useAmendRound(r.id, {
    onSuccess: () => {
      void message.success(t('purchase.amend.done'));
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const send = (v: AmendForm) => {
    const budgetCents = Math.round(Number(v.budget) * 100);
    const deadlineAt = v.deadline.toISOString();
    amend.mutate({
      version: r.version,
      rationale: v.rationale,
      ...(v.title !== r.title ? { title: v.title } : {}),
      ...(v.scope !== r.scope ? { scope: v.scope } : {}),
      ...(v.eligibility !== r.eligibility ? { eligibility: v.eligibility } : {}),
      ...(budgetCents !== r.budgetCents ? { budgetCents } : {}),
      ...(Date.parse(deadlineAt) !== Date.parse(r.deadlineAt) ? { deadlineAt } : {}),
    });
  };
  return (
    <Modal
      open={open}
      title={t('purchase.amend.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('purchase.amend.submit')}
      okButtonProps={{ 'data-testid': 'amend-submit' } as Record<string, string>}
      confirmLoading={amend.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon message={t('purchase.amend.hint')} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        onFinish={send}
        initialValues={{
          title: r.title,
          scope: r.scope,
          eligibility: r.eligibility,
          budget: r.budgetCents / 100,
          deadline: dayjs(r.deadlineAt),
        }}
      >
        <Form.Item
          name="rationale"
          label={t('purchase.amend.rationale')}
          extra={t('purchase.amend.rationaleHelp')}
          rules={[{ required: true, min: 5 }]}
        >
          <Input.TextArea rows={2} data-testid="amend-rationale" />
        </Form.Item>
        <Form.Item name="title" label={t('purchase.round.title')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="scope" label={t('purchase.round.scope')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="eligibility" label={t('purchase.round.eligibility')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} data-testid="amend-eligibility" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="budget" label={t('purchase.round.budgetYuan')} rules={[{ required: true }]}>
            <InputNumber min={1} data-testid="amend-budget" />
          </Form.Item>
          <Form.Item name="deadline" label={t('purchase.round.deadline')} rules={[{ required: true }]}>
            <DatePicker showTime data-testid="amend-deadline" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function ChangeLine({ c }: { c: AmendmentView['changes'][number] }) {
  const { t } = useTranslation();
  const name = t(`purchase.amend.fields.${c.field}`);
  if (c.field === 'scope' || c.field === 'eligibility')
    return (
      <Typography.Paragraph style={{ margin: 0 }}>
        <Tag>{name}</Tag>
        <Typography.Text delete type="secondary">
          {String(c.before)}
        </Typography.Text>{' '}
        → {String(c.after)}
      </Typography.Paragraph>
    );
  const shown = (v: string | number) =>
    c.field === 'budgetCents' ? yuan(Number(v)) : c.field === 'deadlineAt' ? shanghaiTime(String(v)) : String(v);
  return (
    <Typography.Paragraph style={{ margin: 0 }}>
      <Tag>{name}</Tag>
      {shown(c.before)} → <Typography.Text strong>{shown(c.after)}</Typography.Text>
    </Typography.Paragraph>
  );
}

/** The round's 更正公告, as everyone who sees the round reads them. */
export function AmendmentsCard({ d }: { d: RoundDetail }) {
  const { t } = useTranslation();
  if (!d.amendments.length) return null;
  return (
    <Card size="small" title={t('purchase.amend.history')} data-testid="amendments">
      <List
        dataSource={d.amendments}
        renderItem={(a) => (
          <List.Item key={a.id} data-testid="amendment">
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{t('purchase.amend.no', { seq: a.seq })}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('purchase.amend.at')} {shanghaiTime(a.amendedAt)} · {t('purchase.amend.by')} {a.amendedByName}
                </Typography.Text>
              </Space>
              <Typography.Text>
                {t('purchase.amend.rationale')}：{a.rationale}
              </Typography.Text>
              {a.changes.map((c) => (
                <ChangeLine key={c.field} c={c} />
              ))}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
