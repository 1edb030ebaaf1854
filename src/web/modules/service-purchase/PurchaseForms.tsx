import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useCreateRound, useRegisterOrg } from './purchase.api';

interface RoundForm {
  title: string;
  scope: string;
  eligibility: string;
  budget: number;
  deadline: { toISOString(): string };
  places: number;
  dropHighLow: boolean;
  noticeDays: number;
}

export function NewRoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<RoundForm>();
  const create = useCreateRound({
    onSuccess: (d) => {
      onClose();
      void navigate(`/purchase/rounds/${d.round.id}`);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const send = (v: RoundForm) =>
    create.mutate({
      year: new Date().getFullYear(),
      title: v.title,
      scope: v.scope,
      eligibility: v.eligibility,
      budgetCents: Math.round(Number(v.budget) * 100),
      deadlineAt: v.deadline.toISOString(),
      places: v.places,
      dropHighLow: v.dropHighLow,
      noticeDays: v.noticeDays,
    });
  return (
    <Modal
      open={open}
      title={t('purchase.round.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ places: 60, dropHighLow: true, noticeDays: 5 }}
        onFinish={send}
      >
        <Form.Item name="title" label={t('purchase.round.title')} rules={[{ required: true }]}>
          <Input data-testid="round-title" />
        </Form.Item>
        <Form.Item name="scope" label={t('purchase.round.scope')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="eligibility" label={t('purchase.round.eligibility')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="budget" label={t('purchase.round.budgetYuan')} rules={[{ required: true }]}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="deadline" label={t('purchase.round.deadline')} rules={[{ required: true }]}>
            <DatePicker showTime />
          </Form.Item>
          <Form.Item name="places" label={t('purchase.round.places')}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="noticeDays" label={t('purchase.round.noticeDays')}>
            <InputNumber min={1} max={30} />
          </Form.Item>
          <Form.Item name="dropHighLow" label={t('purchase.round.dropHighLow')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Typography.Text type="secondary">{t('purchase.round.criteriaHint')}</Typography.Text>
      </Form>
    </Modal>
  );
}

export function RegisterOrg() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const reg = useRegisterOrg({
    onSuccess: () => void message.success(t('common.saved')),
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card title={t('purchase.org.register')} size="small">
      <Form layout="inline" onFinish={(v: { name: string; creditCode: string; legalRep: string }) => reg.mutate(v)}>
        <Form.Item name="name" label={t('purchase.org.name')} rules={[{ required: true }]}>
          <Input style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="creditCode" label={t('purchase.org.creditCode')} rules={[{ required: true }]}>
          <Input style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="legalRep" label={t('purchase.org.legalRep')} rules={[{ required: true }]}>
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={reg.isPending}>
          {t('purchase.org.submit')}
        </Button>
      </Form>
    </Card>
  );
}
