import { App, DatePicker, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { BranchField, PersonSelect, ServerError } from './MemberFields';
import { useTransferIn } from './party-org.api';

type Source = 'external' | 'district';
interface TransferInForm {
  source: Source;
  personId: string;
  partyOrgId: string;
  stage: 'probationary' | 'full';
  probationaryOn?: dayjs.Dayjs;
  fullOn?: dayjs.Dayjs;
  externalOrg?: string;
  letterNo?: string;
  on: dayjs.Dayjs;
  note?: string;
}
const day = (d?: dayjs.Dayjs) => d?.format('YYYY-MM-DD');

/**
 * 组织关系转入 into a branch: a member arriving from outside the district with the letter of introduction
 * (the organisation it comes from, the letter's number, the member's dates), or from another branch here.
 */
export function TransferInModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tr = useTransferIn();
  const [form] = Form.useForm<TransferInForm>();
  const source = Form.useWatch('source', form) ?? 'external';
  const stage = Form.useWatch('stage', form) ?? 'full';
  const external = source === 'external';
  const future = (d: dayjs.Dayjs) => d.isAfter(dayjs(), 'day');
  return (
    <Modal
      open
      title={t('partyMembers.transferIn')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={tr.isPending}
      okButtonProps={{ id: 'transfer-in-submit' }}
      destroyOnHidden
    >
      <ServerError error={tr.error} />
      <Form<TransferInForm>
        form={form}
        layout="vertical"
        initialValues={{ source: 'external', stage: 'full', on: dayjs() }}
        onValuesChange={() => tr.error && tr.reset()}
        onFinish={(v) =>
          tr.mutate(
            {
              source: v.source,
              personId: v.personId,
              partyOrgId: v.partyOrgId,
              on: day(v.on)!,
              letterNo: v.letterNo?.trim() || undefined,
              note: v.note?.trim() || undefined,
              ...(v.source === 'external'
                ? {
                    stage: v.stage,
                    externalOrg: v.externalOrg?.trim(),
                    probationaryOn: day(v.probationaryOn),
                    fullOn: v.stage === 'full' ? day(v.fullOn) : undefined,
                  }
                : {}),
            },
            {
              onSuccess: (m) => {
                void message.success(`${t('partyOrg.saved')}：${m.name} → ${m.partyOrgName}`);
                onClose();
              },
            },
          )
        }
      >
        <Form.Item name="source" label={t('partyMembers.source')}>
          <Radio.Group
            optionType="button"
            options={(['external', 'district'] as const).map((s) => ({
              value: s,
              label: t(`partyMembers.sources.${s}`),
            }))}
            data-testid="transfer-in-source"
          />
        </Form.Item>
        {!external && <Typography.Paragraph type="secondary">{t('partyMembers.districtHint')}</Typography.Paragraph>}
        <Form.Item name="personId" label={t('partyMembers.person')} rules={[{ required: true }]}>
          <PersonSelect testId="transfer-in-person" />
        </Form.Item>
        <Form.Item
          name="partyOrgId"
          label={t('partyMembers.branch')}
          rules={[{ required: true, message: t('partyMembers.pickBranch') }]}
        >
          <BranchField />
        </Form.Item>
        {external && (
          <>
            <Form.Item
              name="externalOrg"
              label={t('partyMembers.fromOrg')}
              rules={[{ required: true, min: 2, max: 80 }]}
            >
              <Input maxLength={80} data-testid="transfer-in-from" />
            </Form.Item>
            <Form.Item name="stage" label={t('partyMembers.stage')}>
              <Radio.Group
                options={(['probationary', 'full'] as const).map((s) => ({
                  value: s,
                  label: t(`partyMembers.stages.${s}`),
                }))}
              />
            </Form.Item>
          </>
        )}
        <Space wrap size={[16, 0]}>
          <Form.Item name="letterNo" label={t('partyMembers.letterNo')} rules={[{ required: external, max: 40 }]}>
            <Input maxLength={40} style={{ width: 200 }} data-testid="transfer-in-letter" />
          </Form.Item>
          <Form.Item name="on" label={t('partyMembers.arrivedOn')} rules={[{ required: true }]}>
            <DatePicker disabledDate={future} />
          </Form.Item>
        </Space>
        {external && (
          <Space wrap size={[16, 0]}>
            <Form.Item
              name="probationaryOn"
              label={t('partyMembers.probationaryOn')}
              rules={[{ required: stage === 'probationary' }]}
            >
              <DatePicker disabledDate={future} />
            </Form.Item>
            {stage === 'full' && (
              <Form.Item name="fullOn" label={t('partyMembers.fullOn')} rules={[{ required: true }]}>
                <DatePicker disabledDate={future} data-testid="transfer-in-full-on" />
              </Form.Item>
            )}
          </Space>
        )}
        <Form.Item name="note" label={t('partyMembers.note')}>
          <Input.TextArea rows={2} maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
