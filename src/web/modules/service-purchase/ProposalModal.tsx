import { useState } from 'react';
import { App as AntApp, Button, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { useCurrentUser } from '../auth/useCurrentUser';
import { useOrgChildren } from '../org/org.api';
import { useSubmitProposal } from './purchase.api';

interface ProposalForm {
  title: string;
  summary: string;
  category: string;
  targetCommunityIds: string[];
  pastDelivery?: string;
  team: { name: string; role: string }[];
  budget: { item: string; yuan: number }[];
}

export function ProposalModal({ roundId, open, onClose }: { roundId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [streetId, setStreetId] = useState<string>();
  const [files, setFiles] = useState<{ name: string; dataUrl: string }[]>([]);
  const me = useCurrentUser();
  // The district's streets once the form is open, then the communities of the chosen street.
  const streets = useOrgChildren(me.districtId, open).data ?? [];
  const communities = useOrgChildren(streetId).data ?? [];
  const submit = useSubmitProposal(roundId, {
    onSuccess: () => {
      void message.success(t('purchase.proposal.sent'));
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const send = (v: ProposalForm) =>
    submit.mutate({
      title: v.title,
      summary: v.summary,
      category: v.category,
      targetCommunityIds: v.targetCommunityIds,
      pastDelivery: v.pastDelivery ?? '',
      team: v.team,
      budgetLines: v.budget.map((b) => ({ item: b.item, amountCents: Math.round(Number(b.yuan) * 100) })),
      attachments: files,
    });
  return (
    <Modal open={open} width={720} title={t('purchase.proposal.new')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form
        layout="vertical"
        onFinish={send}
        initialValues={{ team: [{ name: '', role: '' }], budget: [{ item: '人员经费', yuan: 0 }] }}
      >
        <Form.Item name="title" label={t('purchase.proposal.title')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="summary" label={t('purchase.proposal.summary')} rules={[{ required: true, min: 10 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="category" label={t('purchase.proposal.category')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('purchase.proposal.street')}>
            <Select
              style={{ width: 180 }}
              value={streetId}
              onChange={setStreetId}
              options={streets.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item name="targetCommunityIds" label={t('purchase.proposal.targets')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              style={{ width: 300 }}
              options={communities.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        </Space>
        <Form.List name="team">
          {(fields, { add }) => (
            <>
              <Typography.Text strong>{t('purchase.proposal.team')}</Typography.Text>
              {fields.map((f) => (
                <Space key={f.key}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                    <Input placeholder={t('purchase.proposal.memberName')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']} rules={[{ required: true }]}>
                    <Input placeholder={t('purchase.proposal.memberRole')} />
                  </Form.Item>
                </Space>
              ))}
              <Button size="small" onClick={() => add({ name: '', role: '' })}>
                {t('common.add')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.List name="budget">
          {(fields, { add }) => (
            <div style={{ marginTop: 12 }}>
              <Typography.Text strong>{t('purchase.proposal.budgetLines')}</Typography.Text>
              {fields.map((f) => (
                <Space key={f.key}>
                  <Form.Item name={[f.name, 'item']} rules={[{ required: true }]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'yuan']} rules={[{ required: true }]}>
                    <InputNumber min={0} addonAfter="元" />
                  </Form.Item>
                </Space>
              ))}
              <Button size="small" onClick={() => add({ item: '', yuan: 0 })}>
                {t('common.add')}
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item name="pastDelivery" label={t('purchase.proposal.pastDelivery')} style={{ marginTop: 12 }}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Upload
          beforeUpload={(file) => {
            const r = new FileReader();
            r.onload = () => setFiles((x) => [...x, { name: file.name, dataUrl: String(r.result) }]);
            r.readAsDataURL(file);
            return false;
          }}
          showUploadList={false}
        >
          <Button>{t('purchase.proposal.attach')}</Button>
        </Upload>
        <div>
          {files.map((f) => (
            <Tag key={f.name}>{f.name}</Tag>
          ))}
        </div>
        <Button type="primary" htmlType="submit" loading={submit.isPending} style={{ marginTop: 12 }}>
          {t('purchase.proposal.send')}
        </Button>
      </Form>
    </Modal>
  );
}
