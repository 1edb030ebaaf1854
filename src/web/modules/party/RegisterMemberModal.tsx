import { App, DatePicker, Form, Modal, Radio, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { MEMBER_RELATIONS, type MemberRelation } from '../../../shared/party.constants';
import { BranchField, PersonSelect, ServerError } from './MemberFields';
import { useRegisterMember } from './party-org.api';

const STAGES = ['applicant', 'probationary', 'full'] as const;
type RegisterStage = (typeof STAGES)[number];
interface RegisterForm {
  personId: string;
  partyOrgId: string;
  relation: MemberRelation;
  stage: RegisterStage;
  appliedOn?: dayjs.Dayjs;
  probationaryOn?: dayjs.Dayjs;
  fullOn?: dayjs.Dayjs;
}
const day = (d?: dayjs.Dayjs) => d?.format('YYYY-MM-DD');

/** 登记: a resident of the area as a new applicant (入党申请人), or as an existing member with their dates. */
export function RegisterMemberModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reg = useRegisterMember();
  const [form] = Form.useForm<RegisterForm>();
  const stage = Form.useWatch('stage', form) ?? 'applicant';
  const future = (d: dayjs.Dayjs) => d.isAfter(dayjs(), 'day');
  return (
    <Modal
      open
      title={t('partyMembers.registerTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reg.isPending}
      okButtonProps={{ id: 'register-submit' }}
      destroyOnHidden
    >
      <ServerError error={reg.error} />
      <Form<RegisterForm>
        form={form}
        layout="vertical"
        initialValues={{ relation: 'organisational', stage: 'applicant', appliedOn: dayjs() }}
        onValuesChange={() => reg.error && reg.reset()}
        onFinish={(v) =>
          reg.mutate(
            {
              personId: v.personId,
              partyOrgId: v.partyOrgId,
              relation: v.relation,
              stage: v.stage,
              appliedOn: day(v.appliedOn),
              probationaryOn: v.stage === 'applicant' ? undefined : day(v.probationaryOn),
              fullOn: v.stage === 'full' ? day(v.fullOn) : undefined,
            },
            {
              onSuccess: (m) => {
                void message.success(`${t('partyMembers.registered')}：${m.name}`);
                onClose();
              },
            },
          )
        }
      >
        <Form.Item name="personId" label={t('partyMembers.person')} rules={[{ required: true }]}>
          <PersonSelect testId="register-person" />
        </Form.Item>
        <Form.Item
          name="partyOrgId"
          label={t('partyMembers.branch')}
          rules={[{ required: true, message: t('partyMembers.pickBranch') }]}
        >
          <BranchField />
        </Form.Item>
        <Form.Item name="relation" label={t('partyMembers.relation')}>
          <Radio.Group
            options={MEMBER_RELATIONS.map((r) => ({ value: r, label: t(`partyMembers.relations.${r}`) }))}
            data-testid="register-relation"
          />
        </Form.Item>
        <Form.Item name="stage" label={t('partyMembers.registerStage')}>
          <Radio.Group data-testid="register-stage">
            <Space orientation="vertical" size={4}>
              {STAGES.map((s) => (
                <Radio key={s} value={s}>
                  {t(`partyMembers.registerStages.${s}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Space wrap size={[16, 0]}>
          <Form.Item name="appliedOn" label={t('partyMembers.appliedOn')} rules={[{ required: stage === 'applicant' }]}>
            <DatePicker disabledDate={future} />
          </Form.Item>
          {stage !== 'applicant' && (
            <Form.Item
              name="probationaryOn"
              label={t('partyMembers.probationaryOn')}
              rules={[{ required: stage === 'probationary' }]}
              extra={stage === 'full' ? t('partyMembers.probationaryOnHint') : undefined}
            >
              <DatePicker disabledDate={future} data-testid="register-probationary-on" />
            </Form.Item>
          )}
          {stage === 'full' && (
            <Form.Item name="fullOn" label={t('partyMembers.fullOn')} rules={[{ required: true }]}>
              <DatePicker disabledDate={future} data-testid="register-full-on" />
            </Form.Item>
          )}
        </Space>
      </Form>
    </Modal>
  );
}
