import { useMutation } from '@tanstack/react-query';
import { App as AntApp, Button, DatePicker, Form, Input, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import type { Meeting } from '../../../shared/work-orders.schema';
import { addMeetingAction, useOwnerUnits } from './work-orders.api';

interface ActionForm {
  title: string;
  orderId?: string;
  ownerUnitId?: string;
  owner: string;
  dueOn?: { format: (f: string) => string };
}

/**
 * A decision of the meeting becomes a tracked action. Its owner is a department or property company picked
 * from the list — it is then told of the decision — or a name typed in (业委会, the community, a resident).
 */
export function MeetingActionForm({ meeting, onAdded }: { meeting: Meeting; onAdded: (m: Meeting) => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ActionForm>();
  const units = useOwnerUnits();
  const add = useMutation({
    mutationFn: (v: ActionForm) =>
      addMeetingAction(meeting.id, {
        title: v.title.trim(),
        orderId: v.orderId || undefined,
        owner: v.owner.trim(),
        ownerUnitId: v.ownerUnitId || undefined,
        dueOn: v.dueOn?.format('YYYY-MM-DD') ?? '',
      }),
    onSuccess: (m) => {
      onAdded(m);
      form.resetFields();
      void message.success(t('common.created'));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Form<ActionForm>
      form={form}
      layout="inline"
      style={{ marginTop: 12, rowGap: 8 }}
      data-testid="meeting-action-form"
      onFinish={(v) => add.mutate(v)}
    >
      <Form.Item name="title" rules={[{ required: true, whitespace: true, message: t('orders.form.required') }]}>
        <Input
          placeholder={t('meetings.actionTitle')}
          maxLength={200}
          style={{ width: 240 }}
          data-testid="action-title"
        />
      </Form.Item>
      <Form.Item name="orderId">
        <Select
          allowClear
          placeholder={t('meetings.actionOrder')}
          style={{ width: 200 }}
          data-testid="action-order"
          options={meeting.agenda.map((a) => ({ value: a.orderId, label: `${a.no} ${a.title}` }))}
        />
      </Form.Item>
      <Form.Item name="ownerUnitId" tooltip={t('meetings.ownerUnitHint')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('meetings.ownerUnit')}
          style={{ width: 200 }}
          loading={units.isLoading}
          data-testid="action-owner-unit"
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          onChange={(id?: string) => {
            const unit = units.data?.find((u) => u.id === id);
            if (unit) form.setFieldValue('owner', unit.name);
          }}
        />
      </Form.Item>
      <Form.Item name="owner" rules={[{ required: true, whitespace: true, message: t('orders.form.required') }]}>
        <Input placeholder={t('meetings.owner')} maxLength={60} style={{ width: 160 }} data-testid="action-owner" />
      </Form.Item>
      <Form.Item name="dueOn" rules={[{ required: true, message: t('orders.form.required') }]}>
        <DatePicker placeholder={t('meetings.dueOn')} data-testid="action-due" />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} data-testid="action-add">
          {t('meetings.addAction')}
        </Button>
      </Form.Item>
    </Form>
  );
}
